package io.ficus.gateway.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How far a route has moved from the legacy backend to its service. */
public enum Stage {

    /** Every request goes to the legacy backend. */
    LEGACY,
    /**
     * Legacy answers; a copy of each GET and HEAD goes to the service in the background and the two answers are
     * compared. Only for routes that claim no write method.
     */
    SHADOW,
    /** A sticky percentage of callers goes to the service, the rest to legacy. */
    CANARY,
    /** Every request goes to the service. */
    LIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Stage> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(stage -> stage.name().equals(wanted)).findFirst();
    }

    /** The percentage a stage implies, or the given one for a canary. */
    public int impliedPercent(int canaryPercent) {
        return switch (this) {
            case LEGACY, SHADOW -> 0;
            case CANARY -> canaryPercent;
            case LIVE -> 100;
        };
    }
}
