package io.ficus.gateway.shadow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ficus.gateway.plan.ShadowSettings;
import io.ficus.gateway.shadow.ShadowSample.AnswerView;

import org.springframework.http.HttpMethod;

/**
 * One route's shadow state: its settings, the queue bounding its shadow exchanges, its calibration and its stats;
 * and the judgement of one exchange's answers.
 */
final class ShadowRoute {

    static final String REDACTED = "[redacted]";

    private final String id;
    private final ShadowSettings settings;
    private final MirrorQueue queue;
    private final CopyRate rate;
    private final Calibration calibration;
    private final ShadowStats stats;
    private final AnswerComparer comparer;
    private final Clock clock;
    private final Set<String> redacted;

    ShadowRoute(String id, ShadowSettings settings, AnswerComparer comparer, Clock clock) {
        this.id = id;
        this.settings = settings;
        this.queue = new MirrorQueue(settings.maxConcurrency(), settings.queue());
        this.rate = new CopyRate(settings.maxRate(), System::nanoTime);
        this.calibration = new Calibration(settings.calibrationInterval(), System::nanoTime, clock);
        this.stats = new ShadowStats(settings.samples());
        this.comparer = comparer;
        this.clock = clock;
        this.redacted = settings.redactHeaders().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    String id() {
        return id;
    }

    ShadowSettings settings() {
        return settings;
    }

    CopyRate rate() {
        return rate;
    }

    MirrorQueue queue() {
        return queue;
    }

    Calibration calibration() {
        return calibration;
    }

    ShadowStats stats() {
        return stats;
    }

    /**
     * Compares legacy's answer with the service's; when {@code secondLegacy} is given (a calibration), first learns
     * where legacy disagrees with itself, so that this very comparison already ignores it.
     */
    void judge(HttpMethod method, String path, Answer legacy, Answer service, Answer secondLegacy) {
        int limit = settings.compareBodyLimit();
        Answer left = Bodies.decoded(legacy, limit);
        Answer right = Bodies.decoded(service, limit);
        if (left.tooLarge() || right.tooLarge()) {
            stats.tooLarge.increment();
            return;
        }
        boolean withBody = method != HttpMethod.HEAD;
        if (secondLegacy != null) {
            Answer again = Bodies.decoded(secondLegacy, limit);
            if (!again.tooLarge()) {
                calibration.learn(comparer.compare(left, again, rules(settings.ignorePaths(), withBody)));
            }
        }
        List<String> ignored = new ArrayList<>(settings.ignorePaths());
        ignored.addAll(calibration.paths());
        List<Difference> differences = comparer.compare(left, right, rules(ignored, withBody));
        stats.compared(differences, differences.isEmpty() ? null
                : new ShadowSample(clock.instant(), method.name(), path, differences, view(left), view(right)));
    }

    private CompareRules rules(List<String> ignored, boolean withBody) {
        return new CompareRules(settings.compareHeaders(), ignored, settings.arrayKeys(), withBody);
    }

    private AnswerView view(Answer answer) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        answer.headers().forEach((name, values) -> headers.put(name,
                redacted.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : String.join(", ", values)));
        int limit = settings.sampleBodyLimit();
        byte[] body = answer.body();
        return new AnswerView(answer.status(), headers, Bodies.preview(body, limit), body.length > limit);
    }
}
