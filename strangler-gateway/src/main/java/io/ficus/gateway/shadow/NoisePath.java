package io.ficus.gateway.shadow;

import java.time.Instant;

/**
 * A path calibration found legacy disagreeing with itself on, and therefore no longer compared.
 *
 * @param path      the normalized path
 * @param seen      calibrations that saw it differ
 * @param firstSeen when it was first seen
 */
public record NoisePath(String path, long seen, Instant firstSeen) {
}
