package io.xsg.session.persistence;

import org.springframework.data.jpa.repository.JpaRepository;

interface RosterVersionRepository extends JpaRepository<RosterVersionEntity, String> {
}
