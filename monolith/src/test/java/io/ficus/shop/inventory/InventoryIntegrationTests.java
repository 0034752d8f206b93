package io.ficus.shop.inventory;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Inventory on its own: reservations, shortages and releases, each exactly once. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class InventoryIntegrationTests {

    @Autowired
    StockReservations reservations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void reservesAllLinesAndPublishesStockReserved(Scenario scenario) {
        UUID orderId = UUID.randomUUID();
        String a = stocked(10);
        String b = stocked(4);

        scenario.stimulate(() -> reservations.reserve(orderId, List.of(new StockRequest(a, 3), new StockRequest(b, 4))))
                .andWaitForEventOfType(StockReserved.class)
                .matching(event -> event.orderId().equals(orderId))
                .toArriveAndVerify(event -> {
                    assertThat(level(a)).containsExactly(7, 3);
                    assertThat(level(b)).containsExactly(0, 4);
                });
    }

    @Test
    void reservesNothingAndPublishesShortageWhenOneLineCannotBeFilled(Scenario scenario) {
        UUID orderId = UUID.randomUUID();
        String plenty = stocked(10);
        String scarce = stocked(1);

        scenario.stimulate(() -> reservations.reserve(orderId, List.of(new StockRequest(plenty, 3), new StockRequest(scarce, 2))))
                .andWaitForEventOfType(StockShortageDetected.class)
                .matching(event -> event.orderId().equals(orderId))
                .toArriveAndVerify(event -> {
                    assertThat(event.reason()).isEqualTo("Insufficient stock: " + scarce + " (requested 2, available 1)");
                    assertThat(level(plenty)).containsExactly(10, 0);
                    assertThat(level(scarce)).containsExactly(1, 0);
                });
    }

    @Test
    void treatsUnknownSkuAsShortage(Scenario scenario) {
        UUID orderId = UUID.randomUUID();

        scenario.stimulate(() -> reservations.reserve(orderId, List.of(new StockRequest("NEVER-STOCKED", 1))))
                .andWaitForEventOfType(StockShortageDetected.class)
                .matching(event -> event.orderId().equals(orderId))
                .toArriveAndVerify(event -> assertThat(event.reason()).contains("NEVER-STOCKED (requested 1, available 0)"));
    }

    @Test
    void reservesOnceWhenAskedTwiceForTheSameOrder() {
        UUID orderId = UUID.randomUUID();
        String sku = stocked(10);

        tx.executeWithoutResult(status -> reservations.reserve(orderId, List.of(new StockRequest(sku, 3))));
        tx.executeWithoutResult(status -> reservations.reserve(orderId, List.of(new StockRequest(sku, 3))));

        assertThat(level(sku)).containsExactly(7, 3);
    }

    @Test
    void releasesReservedStockOnceAndPublishesStockReleased(Scenario scenario) {
        UUID orderId = UUID.randomUUID();
        String sku = stocked(5);
        tx.executeWithoutResult(status -> reservations.reserve(orderId, List.of(new StockRequest(sku, 2))));

        scenario.stimulate(() -> {
                    reservations.release(orderId);
                    reservations.release(orderId);
                })
                .andWaitForEventOfType(StockReleased.class)
                .matching(event -> event.orderId().equals(orderId))
                .toArriveAndVerify(event -> assertThat(level(sku)).containsExactly(5, 0));
        tx.executeWithoutResult(status -> reservations.release(orderId));
        assertThat(level(sku)).containsExactly(5, 0);
    }

    @Test
    void releasingAnOrderWithoutReservationChangesNothing() {
        UUID orderId = UUID.randomUUID();
        String scarce = stocked(1);
        tx.executeWithoutResult(status -> reservations.reserve(orderId, List.of(new StockRequest(scarce, 2))));

        tx.executeWithoutResult(status -> reservations.release(orderId));

        assertThat(level(scarce)).containsExactly(1, 0);
    }

    private String stocked(int available) {
        String sku = "I-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("insert into inventory.stock (sku, available) values (:sku, :available)")
                .param("sku", sku).param("available", available).update();
        return sku;
    }

    private List<Integer> level(String sku) {
        return jdbc.sql("select available, reserved from inventory.stock where sku = :sku").param("sku", sku)
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single();
    }
}
