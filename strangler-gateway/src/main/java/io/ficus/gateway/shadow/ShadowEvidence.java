package io.ficus.gateway.shadow;

/**
 * What shadow traffic has shown so far for a route: cumulative counts since the gateway started. Readers that judge a
 * window (automatic progression) take the difference between two readings.
 */
public interface ShadowEvidence {

    /** Shadow exchanges whose legacy and service answers were both received and compared. */
    long compared(String routeId);

    /** Compared exchanges whose answers differed in a field that is not ignored (configured or calibrated noise). */
    long mismatches(String routeId);
}
