package io.ficus.gateway.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * One stage change of a route: who, when, from where to where (stage, percent, a canary's caller groups), and why.
 *
 * @param figures what an automatic promotion or rollback was decided on (names as in the admin API's
 *                {@code automation.figures}); null for a change an operator made
 */
public record AuditEntry(long id, String routeId, String fromStage, int fromPercent, List<String> fromCallerGroups,
        String toStage, int toPercent, List<String> toCallerGroups, String reason, String changedBy, Instant changedAt, @Nullable Map<String, Object> figures) {
}
