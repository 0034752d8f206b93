package io.ficus.shop.orders.internal;

import io.ficus.shop.catalog.ProductChanged;
import io.ficus.shop.catalog.ProductReplicated;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drops a product from the remote pricing cache as soon as the monolith learns of a change to it (its own
 * catalog's write, or catalog-service's change applied here), so an order placed after the change is visible
 * here is priced at the new price rather than one cached up to the TTL before. Only an order for the same
 * product racing the change can still refill the entry from the old answer, and then for at most the TTL.
 * Plain synchronous listeners: they only clear memory, so they need neither the commit nor a row in the event
 * publication registry.
 */
@Component
class PricingCacheEviction {

    private final ObjectProvider<RemoteCatalog> remote;

    PricingCacheEviction(ObjectProvider<RemoteCatalog> remote) {
        this.remote = remote;
    }

    @EventListener
    void on(ProductChanged event) {
        evict(event.sku());
    }

    @EventListener
    void on(ProductReplicated event) {
        evict(event.sku());
    }

    private void evict(String sku) {
        remote.ifAvailable(catalog -> catalog.evict(sku));
    }
}
