package io.xsg.session.account;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<AccountEntity, String> {

    List<AccountEntity> findAllByOrderByUsernameAsc();
}
