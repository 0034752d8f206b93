package io.ficus.services.catalog.backfill;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Shows where the backfill stands under {@code /actuator/health} ({@code backfill}): DOWN once it has given up,
 * with the reason, so an operator sees that the copy is incomplete. Not part of readiness: the products
 * already copied and synced can be served meanwhile.
 */
@Component
class BackfillHealthIndicator extends AbstractHealthIndicator {

    private final BackfillStateRepository states;
    private final BackfillSettings settings;

    BackfillHealthIndicator(BackfillStateRepository states, BackfillSettings settings) {
        this.states = states;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("source", settings.sourceUrl().toString());
        states.find().ifPresentOrElse(state -> {
            if (BackfillState.FAILED.equals(state.status())) {
                builder.down().withDetail("error", state.lastError())
                        .withDetail("action", "restart the service to resume from the cursor");
            }
            else {
                builder.up();
            }
            builder.withDetail("status", state.status()).withDetail("rowsCopied", state.rowsCopied());
            if (state.cursor() != null) {
                builder.withDetail("cursor", state.cursor());
            }
        }, () -> builder.up().withDetail("status", settings.enabled() ? "NOT_STARTED" : "DISABLED"));
    }
}
