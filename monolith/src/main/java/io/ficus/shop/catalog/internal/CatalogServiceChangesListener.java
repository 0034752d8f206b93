package io.ficus.shop.catalog.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Receives catalog-service's product changes and hands them to {@link ProductChangeApplier}. */
@Component
@ConditionalOnBooleanProperty(CatalogServiceFollowing.ENABLED)
class CatalogServiceChangesListener {

    private static final Logger log = LoggerFactory.getLogger(CatalogServiceChangesListener.class);

    private final ProductChangeApplier applier;
    private final JsonMapper json;

    CatalogServiceChangesListener(ProductChangeApplier applier, JsonMapper json) {
        this.applier = applier;
        this.json = json;
    }

    @RabbitListener(queues = CatalogServiceFollowing.QUEUE, containerFactory = CatalogServiceFollowing.CONTAINER_FACTORY)
    void on(Message message) {
        IncomingProductChange change = IncomingProductChange.parse(message.getBody(), json);
        if (applier.apply(change)) {
            log.debug("Applied {} of {} at version {} from catalog-service", change.kind(), change.sku(),
                    change.version());
        }
    }
}
