package io.ficus.migration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.FreePorts;
import io.ficus.platform.testing.TestIssuer;
import io.ficus.platform.testing.TestVirtualHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load balancing with real processes (docs/adr/0018): the shop, two catalog-service instances (each backfilled from
 * the shop into its own embedded database) and the strangler gateway with catalog reads live, the service's URL
 * naming both instances. Under a bounded read load from a few client threads, both instances get a share; one is
 * killed (SIGKILL) and no read fails; once it is started again it gets reads again. The time from the kill to the
 * last request the gateway sent to the killed instance is measured and logged, not asserted (a shared 2-core
 * machine makes any bound on it flaky).
 */
class CatalogInstancesTests {

    private static final Logger log = LoggerFactory.getLogger(CatalogInstancesTests.class);

    static final String ADMIN_PASSWORD = "catalog-instances-secret";
    static final String PRODUCT = "/api/catalog/products/FIC-001";
    /** Four JVMs and three embedded databases start at once on a shared 2-core machine: minutes, not seconds. */
    static final Duration STARTUP = Duration.ofMinutes(8);

    static TestVirtualHost broker;
    static TestIssuer issuer;
    static AppProcess monolith;
    static AppProcess first;
    static AppProcess second;
    static AppProcess gateway;
    static GatewayAdmin admin;
    static GatewayMetrics metrics;

    @BeforeAll
    static void startTheShopTwoCatalogInstancesAndTheGateway() {
        broker = TestVirtualHost.create("catalog-instances");
        issuer = TestIssuer.start();
        AppProcess.Builder shop = AppProcess.of(AppJars.of("monolith"), "monolith-instances").quickStart()
                .startupTimeout(STARTUP)
                .properties(issuer.springProperties());
        AppProcess.Builder catalogA = catalog("catalog-service-a", shop.port());
        AppProcess.Builder catalogB = catalog("catalog-service-b", shop.port());
        int managementPort = FreePorts.next();
        AppProcess.Builder proxy = AppProcess.of(AppJars.of("strangler-gateway"), "strangler-gateway-instances")
                .quickStart().startupTimeout(STARTUP)
                .env("FICUS_LEGACY_URL", "http://127.0.0.1:" + shop.port())
                // one name, two instances
                .env("FICUS_CATALOG_SERVICE_URL", "http://127.0.0.1:" + catalogA.port() + ",http://127.0.0.1:"
                        + catalogB.port())
                .env("FICUS_GATEWAY_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .property("management.server.port", managementPort)
                .property("management.server.address", "127.0.0.1")
                .healthPort(managementPort);
        CompletableFuture<AppProcess> startingGateway = CompletableFuture.supplyAsync(proxy::start);
        monolith = shop.start();
        CompletableFuture<AppProcess> startingB = CompletableFuture.supplyAsync(catalogB::start);
        first = catalogA.start();
        second = startingB.join();
        gateway = startingGateway.join();
        String management = "http://127.0.0.1:" + managementPort;
        admin = new GatewayAdmin(management, "admin", ADMIN_PASSWORD);
        metrics = new GatewayMetrics(management, "catalog-service");
    }

    private static AppProcess.Builder catalog(String name, int shopPort) {
        return AppProcess.of(AppJars.of("catalog-service"), name).quickStart().startupTimeout(STARTUP)
                .properties(broker.springProperties())
                .properties(issuer.springProperties())
                .property("ficus.catalog.backfill.source-url", "http://127.0.0.1:" + shopPort);
    }

    @AfterAll
    static void stopEverything() {
        AppProcess.closeAll(gateway, second, first, monolith, broker, issuer);
    }

    @Test
    void twoInstancesShareTheReadsOneIsKilledUnderLoadWithoutAFailedReadAndGetsReadsAgainWhenBack() throws Exception {
        await("backfill of both instances").atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(first.baseUrl() + PRODUCT).status() == 200
                        && Http.get(second.baseUrl() + PRODUCT).status() == 200);
        admin.live("catalog-reads", "load balancing test");
        String a = "127.0.0.1:" + first.port();
        String b = "127.0.0.1:" + second.port();
        double aAtStart = metrics.requests(a);
        double bAtStart = metrics.requests(b);

        ReadLoad load = new ReadLoad(gateway.baseUrl() + PRODUCT, Duration.ofMinutes(4), Duration.ofMillis(10)).start(3);
        try {
            // both instances share the reads
            await("reads on both instances").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                    .until(() -> metrics.requests(a) - aAtStart >= 100 && metrics.requests(b) - bAtStart >= 100);
            double toA = metrics.requests(a) - aAtStart;
            double toB = metrics.requests(b) - bAtStart;
            assertThat(toB / (toA + toB)).as("share of the second instance (%s to A, %s to B)", toA, toB)
                    .isBetween(0.35, 0.65);

            // one is killed under load: no read fails, the gateway stops sending to it
            KillWatch watch = new KillWatch(b);
            long readsAtKill = load.requests();
            watch.kill(second);
            await("reads after the kill").atMost(1, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                    .until(() -> load.requests() - readsAtKill >= 300 && watch.quietFor(Duration.ofSeconds(2)));
            watch.stop();
            assertThat(load.failures()).as("failed reads around the kill").isEmpty();
            assertThat(metrics.available(b)).as("the killed instance is out").isZero();
            assertThat(watch.outMillis()).as("the gateway logged taking it out").isNotNegative();

            // it comes back (same port, same data): the gateway sends it reads again
            second = second.restart();
            double bAtReturn = metrics.requests(b);
            await("reads on the returned instance").atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> metrics.requests(b) - bAtReturn >= 50);
            load.stop();
            assertThat(load.failures()).as("failed reads").isEmpty();
            log.info("Load balancing: {} reads, none failed; before the kill {} to A and {} to B; after SIGKILL of B "
                    + "the gateway took it out after {} ms (its log) and sent it its last request within {} ms (polled "
                    + "every {} ms)", load.requests(), (long) toA, (long) toB, watch.outMillis(),
                    watch.lastRequestMillis(), KillWatch.POLL.toMillis());
            log.info("MEASURED kill to taken out {} ms; kill to last request sent to it <= {} ms", watch.outMillis(),
                    watch.lastRequestMillis());
        }
        finally {
            load.stop();
        }
    }

    /**
     * Measures, from the moment one instance is killed: until when the gateway still sent it requests (its request
     * count, polled; the figure is the end of the poll that saw the last change, so an upper bound), and when the
     * gateway took it out (the first "taken out" or "is down" line of its log after the kill, to the millisecond).
     */
    static final class KillWatch {

        static final Duration POLL = Duration.ofMillis(50);

        private final String instance;
        private final AtomicLong lastChange = new AtomicLong();
        private volatile long killedNanos;
        private volatile Instant killedAt;
        private volatile boolean stopped;
        private Thread thread;

        KillWatch(String instance) {
            this.instance = instance;
        }

        void kill(AppProcess process) {
            double[] last = { metrics.requests(instance) };
            thread = new Thread(() -> {
                while (!stopped) {
                    double requests = metrics.requests(instance);
                    if (requests != last[0]) {
                        last[0] = requests;
                        lastChange.set(System.nanoTime());
                    }
                    LockSupport.parkNanos(POLL.toNanos());
                }
            }, "kill-watch");
            thread.setDaemon(true);
            killedAt = Instant.now();
            killedNanos = System.nanoTime();
            lastChange.set(killedNanos);
            thread.start();
            process.kill();
        }

        boolean quietFor(Duration quiet) {
            return System.nanoTime() - lastChange.get() >= quiet.toNanos() && outMillis() >= 0;
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join(10_000);
        }

        long lastRequestMillis() {
            return TimeUnit.NANOSECONDS.toMillis(lastChange.get() - killedNanos);
        }

        /** Milliseconds from the kill to the gateway's log line taking the instance out; -1 while there is none. */
        long outMillis() {
            String marker = "Instance " + instance + " of catalog-service ";
            return gateway.log().lines()
                    .filter(line -> line.contains(marker) && (line.contains(" taken out ") || line.contains(" is down")))
                    .map(line -> Instant.parse(line.substring(0, line.indexOf(' '))))
                    .filter(at -> !at.isBefore(killedAt.truncatedTo(ChronoUnit.MILLIS)))
                    .findFirst()
                    .map(at -> Duration.between(killedAt, at).toMillis())
                    .orElse(-1L);
        }
    }
}
