package io.xsg.session.offline;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OfflineMessageRepository extends JpaRepository<OfflineMessageEntity, Long> {

    List<OfflineMessageEntity> findByOwnerOrderByIdAsc(String owner);

    long countByOwner(String owner);

    boolean existsByEventId(String eventId);

    List<OfflineMessageEntity> findByExpiresAtLessThanEqualOrderByIdAsc(OffsetDateTime now, Limit limit);

    /** 1 when this caller removed it, 0 when another instance (or a login) already did. */
    @Modifying
    @Query("delete from OfflineMessageEntity m where m.id = :id")
    int deleteOne(Long id);
}
