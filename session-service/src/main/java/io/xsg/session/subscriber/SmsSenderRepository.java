package io.xsg.session.subscriber;

import org.springframework.data.jpa.repository.JpaRepository;

interface SmsSenderRepository extends JpaRepository<SmsSenderEntity, String> {
}
