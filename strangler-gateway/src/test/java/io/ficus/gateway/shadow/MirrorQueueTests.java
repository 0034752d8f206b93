package io.ficus.gateway.shadow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.ficus.gateway.plan.ShadowSettings;
import io.ficus.gateway.shadow.MirrorQueue.Admission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-route bound on shadow copies: running slots, waiting places, refusals, places given back. */
class MirrorQueueTests {

    private final MirrorQueue queue = new MirrorQueue(2, 1);
    private final List<String> started = new ArrayList<>();

    @Test
    void runsUpToTheConcurrencyQueuesUpToTheCapacityAndRefusesTheRest() {
        Admission first = queue.admit();
        Admission second = queue.admit();
        Admission third = queue.admit();
        Admission fourth = queue.admit();

        assertThat(List.of(first, second, third, fourth))
                .containsExactly(Admission.RUN, Admission.RUN, Admission.WAIT, Admission.FULL);
        queue.start(first, () -> started.add("first"));
        queue.start(second, () -> started.add("second"));
        queue.start(third, () -> started.add("third"));
        assertThat(started).containsExactly("first", "second");
        assertThat(queue.waiting()).isEqualTo(1);

        queue.finished();

        assertThat(started).containsExactly("first", "second", "third");
        assertThat(queue.running()).isEqualTo(2);
        assertThat(queue.waiting()).isZero();
        assertThat(queue.admit()).isEqualTo(Admission.WAIT);
    }

    @Test
    void givesBackThePlaceOfACopyThatIsNeverSent() {
        ShadowSettings settings = ShadowSettings.DEFAULTS;
        ShadowRoute route = new ShadowRoute("reads", new ShadowSettings(settings.compareHeaders(), List.of(),
                settings.arrayKeys(), 1, 16, 1024, List.of(), settings.timeout(), 1, 0, 0,
                settings.calibrationInterval()),
                new AnswerComparer(), Clock.systemUTC());
        AnswerCapture capture = new AnswerCapture();
        capture.activate(1024);
        PendingCopy pending = new PendingCopy(route, route.queue().admit(), capture);
        assertThat(route.queue().admit()).isEqualTo(Admission.FULL);

        // the caller's exchange ended without the routing filter sending the copy (refused earlier, say)
        pending.finish(true);

        assertThat(pending.claim()).isFalse();
        assertThat(route.stats().skipped.sum()).isEqualTo(1);
        assertThat(route.queue().running()).isZero();
        assertThat(capture.active()).isFalse();
        assertThat(route.queue().admit()).isEqualTo(Admission.RUN);
    }
}
