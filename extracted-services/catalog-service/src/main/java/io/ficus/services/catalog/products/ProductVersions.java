package io.ficus.services.catalog.products;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The version sequence shared in meaning with the monolith: own writes draw from it, and applying a change
 * from the monolith raises it to at least that change's version.
 */
@Component
class ProductVersions {

    /**
     * Guards the sequence: {@code setval} is not transactional, so raising it while another transaction draws
     * from it could move it backwards. Draws share the lock, raises take it alone, both until commit. Callers
     * take it before any row lock, so it never deadlocks with them.
     */
    private static final long SEQUENCE_LOCK = 0x6669637573L;

    private final JdbcClient jdbc;

    ProductVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    long next() {
        return jdbc.sql("select nextval('catalog.product_version') from (select pg_advisory_xact_lock_shared(:key)) guard")
                .param("key", SEQUENCE_LOCK).query(Long.class).single();
    }

    /** Makes the next own version greater than {@code version}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void raiseAbove(long version) {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", SEQUENCE_LOCK).query().singleRow();
        // last_value = version with is_called still false would hand out version itself: hence <=
        jdbc.sql("select setval('catalog.product_version', :version) from catalog.product_version where last_value <= :version")
                .param("version", version).query().listOfRows();
    }
}
