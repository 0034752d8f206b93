package io.ficus.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;

import static org.assertj.core.api.Assertions.assertThat;

/** Round robin over the available instances, taking out, and the one-instance path that never takes out. */
class BackendTargetTests {

    private final BackendInstance a = instance("a");
    private final BackendInstance b = instance("b");
    private final BackendInstance c = instance("c");

    @Test
    void takesTurnsOverTheAvailableInstancesAndSkipsOneTakenOut() {
        BackendTarget target = target(a, b, c);
        assertThat(picks(target, 6)).containsExactly(a, b, c, a, b, c);

        assertThat(target.eject(b, BackendFault.REFUSED)).as("others are available").isTrue();
        assertThat(picks(target, 4)).containsOnly(a, c).hasSize(4);

        b.markDown("check failed");
        assertThat(picks(target, 4)).doesNotContain(b);
    }

    @Test
    void aRetryAvoidsTheInstanceItFailedOnAndWithEveryInstanceOutTheOneBackFirstIsUsed() {
        BackendTarget target = target(a, b);
        for (int i = 0; i < 4; i++) {
            assertThat(target.pick(a)).isSameAs(b);
        }
        target.eject(a, BackendFault.RESET);
        assertThat(target.eject(b, BackendFault.RESET)).as("no other instance is available").isFalse();
        // both out: a comes back first (taken out earlier, for as long)
        assertThat(target.pick(null)).isSameAs(a);
        assertThat(target.pick(a)).isSameAs(b);
    }

    @Test
    void aSecondFailureWithoutAGoodAnswerTakesTheInstanceOutForTwiceAsLong() {
        long now = System.nanoTime();
        a.eject(BackendFault.REFUSED, Duration.ofSeconds(1), Duration.ofSeconds(30), now);
        assertThat(a.outFor(now)).isEqualTo(Duration.ofSeconds(1).toNanos());
        long later = now + Duration.ofSeconds(2).toNanos();
        a.eject(BackendFault.REFUSED, Duration.ofSeconds(1), Duration.ofSeconds(30), later);
        assertThat(a.outFor(later)).isEqualTo(Duration.ofSeconds(2).toNanos());
        // failures while it is out (requests that were in flight) do not lengthen it
        a.eject(BackendFault.REFUSED, Duration.ofSeconds(1), Duration.ofSeconds(30), later);
        assertThat(a.outFor(later)).isEqualTo(Duration.ofSeconds(2).toNanos());

        a.answered();
        long afterwards = later + Duration.ofSeconds(3).toNanos();
        a.eject(BackendFault.REFUSED, Duration.ofSeconds(1), Duration.ofSeconds(30), afterwards);
        assertThat(a.outFor(afterwards)).as("after a good answer it starts short again")
                .isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aBackendWithOneInstanceAlwaysGetsItAndNeverTakesItOut() {
        BackendTarget target = target(a);
        assertThat(target.balanced()).isFalse();
        assertThat(target.eject(a, BackendFault.REFUSED)).isFalse();
        assertThat(picks(target, 3)).containsExactly(a, a, a);
        assertThat(a.available(System.nanoTime())).isTrue();
    }

    private static List<BackendInstance> picks(BackendTarget target, int count) {
        List<BackendInstance> picks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picks.add(target.pick(null));
        }
        return picks;
    }

    private static BackendTarget target(BackendInstance... instances) {
        Route route = Route.async().id("test").uri(URI.create("http://localhost")).predicate(exchange -> true).build();
        return new BackendTarget("service", List.of(instances), false, route, null, false, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    private static BackendInstance instance(String host) {
        return new BackendInstance("service", URI.create("http://" + host + ":8080"), null, null);
    }
}
