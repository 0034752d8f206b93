package io.ficus.gateway.state;

import java.time.Instant;

/** One stage change of a route: who, when, from where to where, and why. */
public record AuditEntry(long id, String routeId, String fromStage, int fromPercent, String toStage, int toPercent,
        String reason, String changedBy, Instant changedAt) {
}
