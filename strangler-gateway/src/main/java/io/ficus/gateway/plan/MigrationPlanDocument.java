package io.ficus.gateway.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/** The migration plan YAML as written, before validation (strings where a typo must be reported). */
record MigrationPlanDocument(BackendDocument legacy, Map<String, BackendDocument> services,
        List<RouteDocument> routes, List<String> internalPaths) {

    record BackendDocument(String url, Duration connectTimeout, Duration responseTimeout, Boolean preserveHost,
            String healthPath, String discovery) {
    }

    record RouteDocument(String id, List<String> paths, List<String> methods, String service, String stage,
            Integer percent, List<String> callerGroups, String group, AutomationDocument automation, ShadowDocument shadow) {
    }

    record AutomationDocument(List<String> steps, Duration minDuration, Long minRequests,
            ThresholdsDocument thresholds) {
    }

    record ThresholdsDocument(Double maxErrorRateIncrease, Double maxP99Ratio, Double maxMismatchRate,
            Duration p99Floor) {
    }

    /** A route's {@code shadow:} block; absent fields take {@link ShadowSettings#DEFAULTS}. */
    record ShadowDocument(List<String> compareHeaders, List<String> ignorePaths, List<ArrayKeyDocument> arrayKeys,
            Integer samples, DataSize sampleBodyLimit, DataSize compareBodyLimit, List<String> redactHeaders,
            Duration timeout, Integer maxConcurrency, Integer queue, Integer maxRate, Duration calibrationInterval) {
    }

    /** An array whose elements are matched by a key field: {@code {path: $.items, key: sku}}. */
    record ArrayKeyDocument(String path, String key) {
    }
}
