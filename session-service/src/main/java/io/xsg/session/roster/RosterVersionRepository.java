package io.xsg.session.roster;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RosterVersionRepository extends JpaRepository<RosterVersionEntity, String> {

    /** The row locked until commit: two transactions raising one roster's version take turns (no version twice). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select v from RosterVersionEntity v where v.owner = :owner")
    Optional<RosterVersionEntity> lockByOwner(@Param("owner") String owner);
}
