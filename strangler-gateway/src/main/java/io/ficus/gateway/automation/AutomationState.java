package io.ficus.gateway.automation;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * Where one route's automatic progression stands, as stored.
 *
 * @param stepIndex       the step the route is on; -1 while the first step is still to be taken
 * @param stepStartedAt   when the current step's window began (a resume starts a new window)
 * @param observedVersion the route's version the automation last set or accepted; another one is a manual change
 * @param revision        bumped by every change of status or step (optimistic concurrency between writers)
 */
record AutomationState(String routeId, Status status, int stepIndex, Instant stepStartedAt, long observedVersion,
        @Nullable String pausedBy, @Nullable String pausedReason, @Nullable String lastDecision,
        @Nullable Map<String, Object> lastFigures, @Nullable Instant checkedAt, long revision) {

    enum Status {
        /** The lock holder judges the route's steps. */
        RUNNING,
        /** Someone changed the stage by hand or paused it: nothing happens until resumed. */
        PAUSED,
        /** The route reached its last step. */
        FINISHED,
        /** A threshold was broken: the route is back at legacy until resumed. */
        ROLLED_BACK;

        /** As the admin API shows it: {@code running}, {@code rolled-back}. */
        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
