package io.xsg.session.subscriber;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface SubscriberRepository extends JpaRepository<SubscriberEntity, String> {

    Optional<SubscriberEntity> findByMsisdn(String msisdn);

    boolean existsByMsisdn(String msisdn);

    List<SubscriberEntity> findAllByOrderByUsernameAsc();

    List<SubscriberEntity> findAllByOrderByUsernameAsc(org.springframework.data.domain.Limit limit);
}
