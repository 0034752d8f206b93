package io.ficus.gateway.state;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.plan.StageRules;
import io.ficus.gateway.routing.RouteState;
import io.ficus.gateway.routing.RoutingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Loads the stored route states before the gateway takes traffic, then polls one version number so that a
 * change made on another replica is applied here within a poll interval.
 */
class RouteStateSynchronizer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteStateSynchronizer.class);

    private final RouteStateRepository repository;
    private final RoutingTable table;
    private final MigrationPlan plan;
    private final Duration interval;
    private ScheduledExecutorService poller;

    RouteStateSynchronizer(RouteStateRepository repository, RoutingTable table, MigrationPlan plan, Duration interval) {
        this.repository = repository;
        this.table = table;
        this.plan = plan;
        this.interval = interval;
    }

    /** Before the web server (which starts in a later phase), so the first request already sees stored state. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public synchronized void start() {
        repository.addMissing(plan);
        refresh();
        warnAboutStagesTheRulesNoLongerAllow();
        log.info("Routing state loaded (version {}): {}", table.current().version(), table.current().routes().stream()
                .map(route -> route.id() + "=" + StageRules.describe(route.stage(), route.percent(),
                        route.callerGroups()))
                .toList());
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "route-state-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A state stored by an older gateway may break today's rules (a write route at canary): it keeps routing as
     * stored, because silently moving writes would be worse, but the operator is told which route to move.
     */
    private void warnAboutStagesTheRulesNoLongerAllow() {
        for (RouteState state : repository.findAll()) {
            MigrationPlan.PlannedRoute route = plan.route(state.routeId());
            if (route == null) {
                continue;
            }
            try {
                StageRules.check(route.methods(), state.stage().id(),
                        state.stage() == Stage.CANARY ? state.percent() : null, state.callerGroups());
            }
            catch (StageRules.StageRefused refused) {
                log.error("Route '{}' is stored at {}, which is no longer allowed: {}. Move it to legacy or live "
                        + "with the admin API.", route.id(), state.stage().id(), refused.getMessage());
            }
        }
    }

    private void poll() {
        try {
            if (repository.currentVersion() != table.current().version()) {
                refresh();
            }
        }
        catch (RuntimeException e) {
            // the database may be briefly away; keep routing on the last known snapshot and try again
            log.warn("Could not poll route states: {}", e.getMessage());
        }
    }

    /** Reads every state and swaps the snapshot; also called right after a local change. */
    synchronized void refresh() {
        long version = repository.currentVersion();
        if (table.apply(version, repository.findAll())) {
            log.debug("Applied routing state version {}", version);
        }
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
