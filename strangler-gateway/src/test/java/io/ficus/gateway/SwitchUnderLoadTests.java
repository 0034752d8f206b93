package io.ficus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.state.StageChanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage changes swap the routing snapshot atomically: under concurrent load, not one request fails. */
class SwitchUnderLoadTests {

    private static final int REQUESTS = 4_000;
    private static final int CONCURRENCY = 16;

    static WireMockServer legacy;
    static WireMockServer service;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = Backends.started("legacy");
        service = Backends.started("service");
        // a little latency keeps requests in flight while stages change under them
        for (WireMockServer backend : List.of(legacy, service)) {
            backend.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(200).withFixedDelay(3)
                    .withBody(backend == legacy ? "legacy" : "service")));
        }
        gateway = GatewayInstance.start(GatewayInstance.defaults(TestDatabase.newDatabaseUrl(), legacy, service));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        legacy.stop();
        service.stop();
    }

    @Test
    void servesEveryRequestWhileStagesChangeContinuously() throws InterruptedException {
        StageChanges changes = gateway.bean(StageChanges.class);
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        AtomicInteger changesMade = new AtomicInteger();
        Thread switcher = new Thread(() -> {
            // reads pass through canary; writes move in one step (docs/adr/0005-write-routes-move-in-one-step.md)
            String[][] reads = {{"canary", "30"}, {"canary", "70"}, {"live", null}, {"legacy", null}};
            String[][] writes = {{"live", null}, {"legacy", null}};
            int step = 0;
            while (loadRunning.get()) {
                step++;
                String route = step % 2 == 0 ? "catalog-reads" : "catalog-writes";
                String[][] cycle = step % 2 == 0 ? reads : writes;
                String[] next = cycle[(step / 2) % cycle.length];
                changes.change(route, next[0], next[1] == null ? null : Integer.valueOf(next[1]), "load test", null, "test");
                changesMade.incrementAndGet();
            }
        }, "stage-switcher");

        WebClient client = WebClient.create("http://127.0.0.1:" + gateway.port());
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        switcher.start();
        try {
            Flux.range(0, REQUESTS)
                    .flatMap(i -> call(client, i), CONCURRENCY)
                    .doOnNext(outcome -> outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet())
                    .blockLast(Duration.ofSeconds(90));
        }
        finally {
            loadRunning.set(false);
            switcher.join(10_000);
        }

        assertThat(outcomes.keySet()).as("outcomes %s", outcomes).containsOnly("200 legacy", "200 service");
        assertThat(outcomes.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(REQUESTS);
        assertThat(changesMade.get()).as("stage changes during the load").isGreaterThanOrEqualTo(20);
    }

    private static Mono<String> call(WebClient client, int i) {
        HttpMethod method = i % 3 == 0 ? HttpMethod.POST : HttpMethod.GET;
        return client.method(method).uri("/api/catalog/items/" + i)
                .header("X-User-Id", "user-" + (i % 500))
                .bodyValue(method == HttpMethod.POST ? "{\"n\":" + i + "}" : "")
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> response.statusCode().value() + " " + body))
                .onErrorResume(error -> Mono.just("error " + error));
    }
}
