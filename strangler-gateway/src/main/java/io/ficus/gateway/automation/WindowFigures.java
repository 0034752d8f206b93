package io.ficus.gateway.automation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * What one route did in the current step's window: the figures a promotion or rollback is decided on and kept on
 * its audit entry. Rates are in percent; a rate or latency is null when its side had no request in the window.
 *
 * @param serviceRequests requests meant for the service: answered, failed, or kept from it by its open breaker
 * @param serviceErrors   of those, failures (5xx, refused, reset, timed out) and breaker rejections
 * @param serviceP99Millis the service's p99 latency in the window (NaN: no request)
 * @param compared        shadow exchanges compared in the window; null when this gateway has no shadow evidence
 */
record WindowFigures(String step, long elapsedMillis, long serviceRequests, long serviceErrors, long legacyRequests,
        long legacyErrors, double serviceP99Millis, double legacyP99Millis, @Nullable Long compared,
        @Nullable Long mismatches) {

    @Nullable
    Double serviceErrorRate() {
        return rate(serviceErrors, serviceRequests);
    }

    @Nullable
    Double legacyErrorRate() {
        return rate(legacyErrors, legacyRequests);
    }

    @Nullable
    Double mismatchRate() {
        return compared == null || mismatches == null ? null : rate(mismatches, compared);
    }

    /** The service's p99 against legacy's, both raised to {@code floorMillis}; null when a side had no request. */
    @Nullable
    Double p99Ratio(double floorMillis) {
        if (Double.isNaN(serviceP99Millis) || Double.isNaN(legacyP99Millis)) {
            return null;
        }
        return Math.max(serviceP99Millis, floorMillis) / Math.max(legacyP99Millis, Math.max(floorMillis, 0.001));
    }

    /** As stored on audit entries and shown by the admin API (field names are part of the API). */
    Map<String, Object> toMap(double floorMillis) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", step);
        map.put("elapsedMillis", elapsedMillis);
        map.put("serviceRequests", serviceRequests);
        map.put("serviceErrors", serviceErrors);
        map.put("serviceErrorRate", round(serviceErrorRate()));
        map.put("legacyRequests", legacyRequests);
        map.put("legacyErrors", legacyErrors);
        map.put("legacyErrorRate", round(legacyErrorRate()));
        map.put("serviceP99Millis", Double.isNaN(serviceP99Millis) ? null : round(serviceP99Millis));
        map.put("legacyP99Millis", Double.isNaN(legacyP99Millis) ? null : round(legacyP99Millis));
        map.put("p99Ratio", round(p99Ratio(floorMillis)));
        map.put("compared", compared);
        map.put("mismatches", mismatches);
        map.put("mismatchRate", round(mismatchRate()));
        return map;
    }

    @Nullable
    private static Double rate(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }

    @Nullable
    static Double round(@Nullable Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }
}
