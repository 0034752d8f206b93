package io.ficus.services.catalog.products;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies product states written by the monolith (backfill pages, synced events) by the version rule: only a
 * newer version changes a row, and the own version sequence is raised past every version seen. Applied
 * changes are not published again: they belong to the monolith.
 */
@Service
public class ProductReplica {

    private static final Logger log = LoggerFactory.getLogger(ProductReplica.class);

    private final ProductRepository products;
    private final ProductVersions versions;

    ProductReplica(ProductRepository products, ProductVersions versions) {
        this.products = products;
        this.versions = versions;
    }

    /** Applies the changes in one transaction; returns how many were newer than the stored rows. */
    @Transactional
    public int apply(List<ReplicatedProduct> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        // Before any row lock: own writes take the same guard first, so neither can wait on the other in turn.
        versions.raiseAbove(changes.stream().mapToLong(ReplicatedProduct::version).max().orElseThrow());
        int applied = products.applyReplicated(changes);
        if (applied < changes.size() && log.isDebugEnabled()) {
            log.debug("{} of {} changes were not newer than the stored versions and were ignored",
                    changes.size() - applied, changes.size());
        }
        return applied;
    }
}
