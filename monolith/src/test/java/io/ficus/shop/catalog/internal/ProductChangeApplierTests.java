package io.ficus.shop.catalog.internal;

import java.nio.charset.StandardCharsets;

import io.ficus.shop.catalog.ProductChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changes coming from catalog-service apply by version only, and never publish an event of their own. */
@ApplicationModuleTest
class ProductChangeApplierTests {

    @Autowired
    ProductChangeApplier applier;

    @Autowired
    ProductWriter writer;

    @Autowired
    ProductRepository products;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    private IncomingProductChange change(String kind, String sku, long version, String price) {
        String body = "DELETED".equals(kind)
                ? """
                  {"eventId":"e","kind":"DELETED","sku":"%s","version":%d,"occurredAt":"2026-12-01T13:00:00Z",
                   "name":null,"description":null,"price":null,"currency":null}""".formatted(sku, version)
                : """
                  {"eventId":"e","kind":"%s","sku":"%s","version":%d,"occurredAt":"2026-12-01T13:00:00Z",
                   "name":"From the service","description":"d","price":"%s","currency":"EUR","extra":1}"""
                        .formatted(kind, sku, version, price);
        return IncomingProductChange.parse(body.getBytes(StandardCharsets.UTF_8), json);
    }

    private long lastVersion() {
        return jdbc.sql("select last_value from catalog.product_version").query(Long.class).single();
    }

    @Test
    void appliesNewerChangesIgnoresOlderOnesAndPublishesNothing(AssertablePublishedEvents events) {
        long base = lastVersion() + 1000;

        assertThat(applier.apply(change("CREATED", "S-100", base, "5.00"))).isTrue();
        assertThat(applier.apply(change("UPDATED", "S-100", base + 2, "6.00"))).isTrue();
        // redelivery and an older update arriving late change nothing
        assertThat(applier.apply(change("UPDATED", "S-100", base + 2, "6.00"))).isFalse();
        assertThat(applier.apply(change("UPDATED", "S-100", base + 1, "5.50"))).isFalse();

        assertThat(products.findBySku("S-100")).hasValueSatisfying(p -> assertThat(p.price()).isEqualByComparingTo("6.00"));
        assertThat(events.ofType(ProductChanged.class).matching(e -> "S-100".equals(e.sku()))).isEmpty();
    }

    @Test
    void aDeleteIsNotUndoneByAnOlderUpdateArrivingLater() {
        long base = lastVersion() + 1000;
        applier.apply(change("CREATED", "S-200", base, "5.00"));

        assertThat(applier.apply(change("DELETED", "S-200", base + 5, null))).isTrue();
        assertThat(applier.apply(change("UPDATED", "S-200", base + 3, "7.00"))).isFalse();

        assertThat(products.findBySku("S-200")).isEmpty();
    }

    @Test
    void theNextOwnWriteIsNewerThanAnythingSeenFromTheService(AssertablePublishedEvents events) {
        long incoming = lastVersion() + 5000;
        applier.apply(change("CREATED", "S-300", incoming, "5.00"));

        writer.save(new Product("S-300", "Own write", "", new java.math.BigDecimal("9.00"), "EUR"));

        assertThat(events.ofType(ProductChanged.class).matching(e -> "S-300".equals(e.sku())))
                .singleElement().satisfies(e -> assertThat(e.version()).isGreaterThan(incoming));
    }

    @Test
    void unusableMessagesAreRejectedWithAReason() {
        for (String body : new String[] { "not json", "[]", "{\"kind\":\"UPDATED\",\"sku\":\"S-1\"}",
                "{\"kind\":\"MOVED\",\"sku\":\"S-1\",\"version\":3}",
                "{\"kind\":\"UPDATED\",\"sku\":\"S-1\",\"version\":3,\"name\":\"n\",\"price\":\"-1\",\"currency\":\"EUR\"}",
                "{\"kind\":\"UPDATED\",\"sku\":\"S-1\",\"version\":3,\"name\":\"n\",\"price\":\"1.00\",\"currency\":\"euro\"}" }) {
            assertThatThrownBy(() -> IncomingProductChange.parse(body.getBytes(StandardCharsets.UTF_8), json))
                    .as(body).isInstanceOf(IncomingProductChange.UnusableProductChangeException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }
    }
}
