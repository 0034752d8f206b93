package io.ficus.gateway.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a route's shadow traffic is sent and compared (the route's {@code shadow:} block in the plan, every field
 * optional). Field paths are written {@code $.items[*].price}: array positions are always {@code [*]}.
 *
 * @param compareHeaders      answer headers compared besides status and body (Content-Type by media type only)
 * @param ignorePaths         field paths (and their subtrees) never counted; {@code status} and
 *                            {@code header:Name} may be listed too
 * @param arrayKeys           arrays matched by a key field instead of by position: array path to key field name
 * @param samples             how many of the last mismatching exchanges the admin API keeps
 * @param sampleBodyLimit     bytes of each body kept in a sample (the rest is cut)
 * @param compareBodyLimit    bodies larger than this (either side) are not compared, only counted as too large
 * @param redactHeaders       headers shown as {@code [redacted]} in samples
 * @param timeout             the service's whole answer (headers and body) must arrive within this
 * @param maxConcurrency      shadow exchanges in flight at once for the route; more wait in the queue
 * @param queue               shadow exchanges that may wait; more are dropped (and counted)
 * @param maxRate             copies started per second at most, in bursts of up to one second's worth; more are
 *                            dropped (and counted); zero: no limit
 * @param calibrationInterval at most one calibration (the same request sent to legacy a second time) per
 *                            interval; zero turns calibration off
 */
public record ShadowSettings(List<String> compareHeaders, List<String> ignorePaths, Map<String, String> arrayKeys,
        int samples, int sampleBodyLimit, int compareBodyLimit, List<String> redactHeaders, Duration timeout,
        int maxConcurrency, int queue, int maxRate, Duration calibrationInterval) {

    public static final ShadowSettings DEFAULTS = new ShadowSettings(List.of("Content-Type"), List.of(), Map.of(),
            20, 2 * 1024, 256 * 1024, List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"),
            Duration.ofSeconds(2), 16, 32, 20, Duration.ofMinutes(1));

    public ShadowSettings {
        compareHeaders = List.copyOf(compareHeaders);
        ignorePaths = List.copyOf(ignorePaths);
        arrayKeys = Map.copyOf(arrayKeys);
        redactHeaders = List.copyOf(redactHeaders);
    }
}
