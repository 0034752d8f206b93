package io.ficus.gateway.shadow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a route's shadow traffic has shown, for {@code GET /admin/routes/{id}/shadow}.
 *
 * @param mirrored         copies sent to the service
 * @param abandoned        copies not compared because legacy's answer was not captured whole (the caller went
 *                         away, or the answer streams)
 * @param skipped          shadow-stage requests not copied: not a bodiless GET or HEAD
 * @param inFlight         shadow exchanges running now
 * @param queued           shadow exchanges waiting for a slot now
 * @param mismatchesByPath mismatching exchanges per normalized path, most frequent first
 * @param ignoredPaths     paths the plan says not to compare
 * @param noise            paths calibration found legacy disagreeing with itself on, not compared either
 * @param calibrations     calibrations run (a request sent to legacy twice)
 * @param samples          the last mismatching exchanges, newest first
 */
public record ShadowReport(String routeId, String stage, long compared, long mismatches, double mismatchRate,
        long mirrored, long dropped, long timedOut, long failed, long tooLarge, long abandoned, long skipped,
        int inFlight, int queued, Map<String, Long> mismatchesByPath, List<String> ignoredPaths,
        List<NoisePath> noise, long calibrations, Instant lastCalibrationAt, Settings settings,
        List<ShadowSample> samples) {

    /** The route's shadow settings in force. */
    public record Settings(List<String> compareHeaders, Map<String, String> arrayKeys, List<String> redactHeaders,
            long timeoutMillis, int maxConcurrency, int queue, int maxRate, long calibrationIntervalMillis, int samples,
            int sampleBodyLimit, int compareBodyLimit) {
    }
}
