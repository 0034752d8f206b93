package io.ficus.shop.catalog.internal;

import io.ficus.shop.catalog.ProductReplicated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a change that catalog-service made, only if it is newer than what the monolith holds for the SKU
 * (live or deleted), and without publishing a {@code ProductChanged}: the change is the service's, and
 * echoing it back would loop. Equal or older versions (redelivery, reordering) are ignored. An applied change
 * is announced in-process as {@link ProductReplicated}.
 */
@Service
class ProductChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(ProductChangeApplier.class);

    private final ProductRepository products;
    private final ApplicationEventPublisher events;

    ProductChangeApplier(ProductRepository products, ApplicationEventPublisher events) {
        this.products = products;
        this.events = events;
    }

    /** Returns whether the change was applied. */
    @Transactional
    boolean apply(IncomingProductChange change) {
        // our own next write must be newer than anything seen from the service, applied or not
        products.advanceVersionsPast(change.version());
        long newest = products.newestVersion(change.sku());
        if (change.version() <= newest) {
            log.debug("Ignoring {} of {} at version {}: version {} is already known", change.kind(), change.sku(),
                    change.version(), newest);
            return false;
        }
        if (change.deleted()) {
            products.remove(change.sku(), change.version());
        }
        else {
            products.put(change.product());
        }
        events.publishEvent(new ProductReplicated(change.sku(), change.version()));
        return true;
    }
}
