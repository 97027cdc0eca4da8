package io.xsg.session.account;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ScramCredentialRepository extends JpaRepository<ScramCredentialEntity, ScramCredentialEntity.Key> {

    List<ScramCredentialEntity> findByUsername(String username);
}
