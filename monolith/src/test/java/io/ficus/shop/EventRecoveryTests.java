package io.ficus.shop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.ficus.shop.orders.OrderConfirmed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Saga steps survive what happens to real processes: an application stopped while a step is failing
 * finishes it after restart, and a step abandoned mid-processing is found stale and run again. The failing
 * step is the notification of a confirmed order, failing because its table is briefly unavailable (renamed):
 * payment failures no longer fail a listener, payments retries them from its own table.
 */
class EventRecoveryTests {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String NOTIFIER = "%CustomerNotifier%";

    @TempDir
    Path dataDirectory;

    private final String sku = "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @BeforeEach
    void providerApproves() {
        PaymentProviderStub.reset();
    }

    @Test
    void completesIncompletePublicationAfterRestart() {
        UUID orderId;
        try (ConfigurableApplicationContext first = startShop()) {
            orderId = confirmOrderWhoseNotificationFails(first);
            notificationsAvailable(first.getBean(JdbcClient.class));
        }

        try (ConfigurableApplicationContext second = startShop()) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(BOUND).until(() -> notificationsFor(jdbc, orderId) == 2);
            assertThat(incompleteNotifications(jdbc)).isZero();
        }
    }

    @Test
    void resubmitsPublicationAbandonedWhileProcessing() {
        try (ConfigurableApplicationContext shop = startShop(
                "spring.modulith.events.staleness.processing=1s",
                "spring.modulith.events.staleness.check-interval=200ms")) {
            UUID orderId = confirmOrderWhoseNotificationFails(shop);
            JdbcClient jdbc = shop.getBean(JdbcClient.class);
            // As if the node running the step had died halfway: PROCESSING, and old.
            jdbc.sql("update event_publication set status = 'PROCESSING', publication_date = now() - interval '1 hour',"
                    + " last_resubmission_date = null where listener_id like :listener and event_type = :type"
                    + " and completion_date is null")
                    .param("listener", NOTIFIER).param("type", OrderConfirmed.class.getName()).update();
            notificationsAvailable(jdbc);

            await().atMost(BOUND).until(() -> "FAILED".equals(statusOfConfirmedNotification(jdbc)));
            // what the scheduled FailedEventResubmitter does (its interval is 1 h here, so the test decides when)
            shop.getBean(FailedEventPublications.class).resubmit(ResubmissionOptions.defaults());

            await().atMost(BOUND).until(() -> notificationsFor(jdbc, orderId) == 2);
        }
    }

    /** Confirms an order while the notifications table is unavailable: its notification listeners fail and stay failed. */
    private UUID confirmOrderWhoseNotificationFails(ConfigurableApplicationContext shop) {
        ShopHttp http = http(shop);
        JdbcClient jdbc = shop.getBean(JdbcClient.class);
        http.stock(sku, "3.00", 5);
        jdbc.sql("alter table notifications.notification rename to notification_unavailable").update();
        ShopHttp.Response placed = http.asCustomer("rita@example.com").postJson("/api/orders",
                "{\"customer\": \"rita@example.com\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        assertThat(placed.status()).isEqualTo(201);
        UUID orderId = UUID.fromString(placed.json().get("id").asString());
        await().atMost(BOUND).until(() -> "CONFIRMED".equals(http.get("/api/orders/" + orderId).json().get("status").asString())
                && "FAILED".equals(statusOfConfirmedNotification(jdbc)));
        return orderId;
    }

    private static void notificationsAvailable(JdbcClient jdbc) {
        jdbc.sql("alter table notifications.notification_unavailable rename to notification").update();
    }

    private static long notificationsFor(JdbcClient jdbc, UUID orderId) {
        return jdbc.sql("select count(*) from notifications.notification where order_id = :id")
                .param("id", orderId).query(Long.class).single();
    }

    private static long incompleteNotifications(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like :listener")
                .param("listener", NOTIFIER).query(Long.class).single();
    }

    private static String statusOfConfirmedNotification(JdbcClient jdbc) {
        return jdbc.sql("select status from event_publication where listener_id like :listener and event_type = :type"
                        + " and completion_date is null")
                .param("listener", NOTIFIER).param("type", OrderConfirmed.class.getName())
                .query(String.class).optional().orElse(null);
    }

    private ConfigurableApplicationContext startShop(String... extraProperties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--ficus.embedded-postgres.ephemeral=false",
                "--ficus.embedded-postgres.data-directory=" + dataDirectory,
                "--ficus.payments.provider.base-url=" + PaymentProviderStub.baseUrl(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER.issuer(),
                // Only a restart or the staleness monitor may finish the step, not the periodic retry.
                "--ficus.events.retry-interval=1h"));
        Arrays.stream(extraProperties).map(property -> "--" + property).forEach(args::add);
        return new SpringApplicationBuilder(ShopApplication.class).run(args.toArray(String[]::new));
    }

    private static ShopHttp http(ConfigurableApplicationContext shop) {
        return new ShopHttp(Integer.parseInt(shop.getEnvironment().getProperty("local.server.port"))).asStaff();
    }
}
