package io.ficus.gateway.shadow;

/**
 * A route's shadow figures since startup, as every route of {@code GET /admin/routes} carries them (the migration
 * dashboard reads these names).
 *
 * @param compared     exchanges whose two answers were both received and compared
 * @param mismatches   compared exchanges that differed outside ignored and calibrated-noise paths
 * @param mismatchRate mismatches / compared (0 before the first comparison)
 * @param dropped      requests not copied because the route's shadow queue was full
 * @param timedOut     copies the service did not answer within the shadow timeout
 * @param failed       copies that got no answer otherwise (connection refused or reset)
 * @param tooLarge     exchanges not compared because a body exceeded the compare limit
 */
public record ShadowSummary(long compared, long mismatches, double mismatchRate, long dropped, long timedOut,
        long failed, long tooLarge) {

    static ShadowSummary of(ShadowStats stats) {
        long compared = stats.compared.sum();
        long mismatches = stats.mismatches.sum();
        return new ShadowSummary(compared, mismatches, rate(mismatches, compared), stats.dropped.sum(),
                stats.timedOut.sum(), stats.failed.sum(), stats.tooLarge.sum());
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
