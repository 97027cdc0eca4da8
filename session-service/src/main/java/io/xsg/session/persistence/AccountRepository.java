package io.xsg.session.persistence;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<AccountEntity, String> {

    List<AccountEntity> findAllByOrderByUsernameAsc();
}
