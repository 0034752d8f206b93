package io.ficus.gateway.automation;

import java.time.Duration;
import java.time.Instant;

import io.ficus.gateway.routing.ActiveRoute;
import io.ficus.gateway.routing.LatencyHistogram;
import io.ficus.gateway.routing.RouteMeters.Reading;
import io.ficus.gateway.shadow.ShadowEvidence;

import org.springframework.lang.Nullable;

/**
 * The cumulative counts of one route at the start of a step's window on this replica: the window's figures are the
 * difference between now and then. Windows are local: each replica counts the traffic it proxies itself.
 *
 * @param key identifies the step the baseline belongs to, so a new step or a resume starts a new window
 */
record StepWindow(String key, Reading service, Reading legacy, @Nullable Long compared, @Nullable Long mismatches) {

    static String key(AutomationState state) {
        return state.stepIndex() + "@" + state.stepStartedAt() + "#" + state.observedVersion();
    }

    static StepWindow open(String key, ActiveRoute route, @Nullable ShadowEvidence evidence) {
        return new StepWindow(key, route.serviceMeters().reading(), route.legacyMeters().reading(),
                evidence == null ? null : evidence.compared(route.id()),
                evidence == null ? null : evidence.mismatches(route.id()));
    }

    /** What happened on the route since this window opened. */
    WindowFigures figuresNow(String stepLabel, Instant stepStartedAt, Instant now, ActiveRoute route,
            @Nullable ShadowEvidence evidence) {
        Reading serviceNow = route.serviceMeters().reading();
        Reading legacyNow = route.legacyMeters().reading();
        // a request the open circuit breaker kept from the service was meant for it, and failed for its sake
        long serviceRequests = (serviceNow.requests() - service.requests())
                + (serviceNow.rejections() - service.rejections());
        long serviceErrors = (serviceNow.errors() - service.errors()) + (serviceNow.rejections() - service.rejections());
        long legacyRequests = legacyNow.requests() - legacy.requests();
        long legacyErrors = legacyNow.errors() - legacy.errors();
        Long comparedNow = evidence == null || compared == null ? null : evidence.compared(route.id()) - compared;
        Long mismatchesNow = evidence == null || mismatches == null ? null
                : evidence.mismatches(route.id()) - mismatches;
        return new WindowFigures(stepLabel, Duration.between(stepStartedAt, now).toMillis(), serviceRequests,
                serviceErrors, legacyRequests, legacyErrors,
                LatencyHistogram.quantileMillis(service.latencies(), serviceNow.latencies(), 0.99),
                LatencyHistogram.quantileMillis(legacy.latencies(), legacyNow.latencies(), 0.99), comparedNow,
                mismatchesNow);
    }
}
