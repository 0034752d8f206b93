package io.ficus.services.catalog.sync;

import java.util.List;

import io.ficus.services.catalog.products.ProductReplica;
import io.ficus.services.catalog.products.ReplicatedProduct;
import io.ficus.services.catalog.sync.IncomingProductChange.InvalidProductChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Applies the monolith's product changes from {@code catalog-service.product-changes} by the version rule. */
@Component
@ConditionalOnBooleanProperty(name = "ficus.catalog.sync.enabled", matchIfMissing = true)
class ProductChangesListener {

    private static final Logger log = LoggerFactory.getLogger(ProductChangesListener.class);

    private final ProductReplica replica;
    private final ObjectReader reader;

    ProductChangesListener(ProductReplica replica, JsonMapper jsonMapper) {
        this.replica = replica;
        // A newer producer may add fields; that must not turn its events into dead letters here.
        this.reader = jsonMapper.readerFor(IncomingProductChange.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @RabbitListener(queues = SyncTopology.QUEUE, containerFactory = SyncTopology.CONTAINER_FACTORY)
    void onProductChanged(Message message) {
        ReplicatedProduct change = parse(message).toReplicatedProduct();
        if (replica.apply(List.of(change)) == 0) {
            log.debug("Ignored {} version {}: not newer than the stored one", change.sku(), change.version());
        }
    }

    private IncomingProductChange parse(Message message) {
        try {
            IncomingProductChange change = reader.readValue(message.getBody());
            if (change == null) {
                throw new InvalidProductChange("empty message");
            }
            return change;
        }
        catch (JacksonException e) {
            throw new InvalidProductChange("not a product change in JSON: " + e.getOriginalMessage());
        }
    }
}
