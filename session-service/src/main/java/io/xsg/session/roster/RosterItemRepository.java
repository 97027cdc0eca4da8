package io.xsg.session.roster;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RosterItemRepository extends JpaRepository<RosterItemEntity, RosterItemEntity.Key> {

    /** One query for a whole roster, groups included (no N+1 on a 150-contact login). */
    @Query("select distinct i from RosterItemEntity i left join fetch i.groups where i.owner = :owner")
    List<RosterItemEntity> findWithGroupsByOwner(String owner);

    long countByOwnerAndListedTrue(String owner);
}
