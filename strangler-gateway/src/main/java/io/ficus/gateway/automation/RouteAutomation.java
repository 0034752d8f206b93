package io.ficus.gateway.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ficus.gateway.automation.AutomationState.Status;
import io.ficus.gateway.automation.StepJudge.Outcome;
import io.ficus.gateway.automation.StepJudge.Verdict;
import io.ficus.gateway.plan.AutomationPolicy;
import io.ficus.gateway.plan.AutomationPolicy.Step;
import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.routing.ActiveRoute;
import io.ficus.gateway.routing.RouteState;
import io.ficus.gateway.routing.RoutingTable;
import io.ficus.gateway.shadow.ShadowEvidence;
import io.ficus.gateway.state.ChangeRejectedException;
import io.ficus.gateway.state.StageChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

/**
 * Moves automated routes through their steps. Every check interval each replica reads the stored automation states
 * (so its admin API shows them); the one replica holding the advisory lock also judges each running route's step on
 * the traffic it proxied since the step began, and promotes or rolls back through the same {@link StageChanges} as
 * the admin API, under the automation user. A stage change by anyone else pauses the route's automation.
 * <p>
 * Steps name a stage and a percent only. A canary's caller groups are an operator's choice: the automation keeps them
 * on every canary step below 100 % it moves the route to (staff stay on the service while the percent of everyone
 * else grows), and they end where the stage leaves canary (live, or a rollback to legacy).
 */
public class RouteAutomation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteAutomation.class);

    private final MigrationPlan plan;
    private final RoutingTable table;
    private final StageChanges changes;
    private final AutomationStateRepository repository;
    private final AutomationLock lock;
    private final ObjectProvider<ShadowEvidence> evidence;
    private final Duration interval;
    private final String user;
    private final Clock clock;
    private final Map<String, StepWindow> windows = new ConcurrentHashMap<>();
    private volatile Map<String, AutomationState> states = Map.of();
    private volatile boolean leader;
    private ScheduledExecutorService scheduler;
    private boolean running;

    RouteAutomation(MigrationPlan plan, RoutingTable table, StageChanges changes, AutomationStateRepository repository,
            AutomationLock lock, ObjectProvider<ShadowEvidence> evidence, Duration interval, String user, Clock clock) {
        this.plan = plan;
        this.table = table;
        this.changes = changes;
        this.repository = repository;
        this.lock = lock;
        this.evidence = evidence;
        this.interval = interval;
        this.user = user;
        this.clock = clock;
    }

    /** After the route states are loaded (phase 0), before the web server starts. */
    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (automatedRoutes().isEmpty()) {
            // nothing to automate: no lock, no connection, no thread
            return;
        }
        for (PlannedRoute route : automatedRoutes()) {
            repository.addIfMissing(firstState(route, changes.current(route.id())));
        }
        refresh();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "route-automation");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Automatic progression for {} (checked every {})",
                automatedRoutes().stream().map(PlannedRoute::id).toList(), interval);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            // a check in flight finishes its database work before the lock goes
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        lock.release();
        leader = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Whether this replica holds the lock and so is the one that acts. */
    public boolean leader() {
        return leader;
    }

    /** The stored state of a route's automation as last read, or null when the route has none in the plan. */
    @Nullable
    AutomationState state(String routeId) {
        PlannedRoute route = plan.route(routeId);
        return route == null || route.automation() == null ? null : states.get(routeId);
    }

    /** Re-reads every stored automation state (each check, and after a pause or resume from the admin API). */
    void refresh() {
        states = repository.findAll().stream()
                .collect(Collectors.toUnmodifiableMap(AutomationState::routeId, Function.identity()));
    }

    private void check() {
        try {
            refresh();
            leader = lock.holdOrAcquire();
            if (!leader) {
                windows.clear();
                return;
            }
            for (PlannedRoute route : automatedRoutes()) {
                AutomationState state = states.get(route.id());
                if (state != null) {
                    checkRoute(route, route.automation(), state);
                }
            }
            refresh();
        }
        catch (RuntimeException e) {
            // the database may be briefly away: act again at the next check, on stored state
            log.warn("Automation check failed: {}", e.getMessage());
        }
    }

    private void checkRoute(PlannedRoute route, AutomationPolicy policy, AutomationState state) {
        Instant now = now();
        RouteState current = changes.current(route.id());
        int index = policy.indexOf(current.stage(), current.percent());
        if (current.version() != state.observedVersion()) {
            if (!user.equals(current.updatedBy())) {
                if (state.status() != Status.PAUSED) {
                    AutomationState paused = withStatus(state, Status.PAUSED, current.updatedBy(),
                            "manual change to " + label(current));
                    save(paused, describe(paused), now);
                }
                else {
                    repository.recordCheck(state, describe(state), null, now);
                }
                return;
            }
            // our own change whose bookkeeping was lost (a crash, or another lock holder's last act): accept it. The
            // automation only ever moves a route to legacy to roll it back, so that must not start it again
            Status status = current.stage() == Stage.LEGACY && state.status() == Status.RUNNING ? Status.ROLLED_BACK
                    : state.status();
            state = new AutomationState(state.routeId(), status, index, current.updatedAt(), current.version(),
                    state.pausedBy(), state.pausedReason(), state.lastDecision(), state.lastFigures(),
                    state.checkedAt(), state.revision());
            if (!save(state, "accepted " + label(current) + " set by " + user, now)) {
                return;
            }
            state = repository.find(route.id()).orElse(state);
        }
        if (state.status() != Status.RUNNING) {
            repository.recordCheck(state, describe(state), state.lastFigures(), now);
            return;
        }
        if (index < 0) {
            if (current.stage() == Stage.LEGACY) {
                move(route, policy, state, current, 0, "started: legacy to " + policy.steps().get(0).label(), null,
                        now);
            }
            else {
                AutomationState paused = withStatus(state, Status.PAUSED, user, "route stands at " + label(current)
                        + ", which is not one of its steps " + policy.labels());
                save(paused, describe(paused), now);
            }
            return;
        }
        if (index != state.stepIndex()) {
            save(new AutomationState(state.routeId(), Status.RUNNING, index, now, state.observedVersion(), null, null,
                    null, null, null, state.revision()), "now on " + policy.steps().get(index).label(), now);
            return;
        }
        judge(route, policy, state, current, now);
    }

    private void judge(PlannedRoute route, AutomationPolicy policy, AutomationState state, RouteState current,
            Instant now) {
        ActiveRoute active = table.current().route(route.id());
        ShadowEvidence shadow = evidence.getIfAvailable();
        String key = StepWindow.key(state);
        StepWindow window = windows.compute(route.id(),
                (id, open) -> open != null && open.key().equals(key) ? open : StepWindow.open(key, active, shadow));
        Step step = policy.steps().get(state.stepIndex());
        WindowFigures figures = window.figuresNow(step.label(), state.stepStartedAt(), now, active, shadow);
        Map<String, Object> figureMap = figures.toMap(policy.thresholds().p99Floor().toNanos() / 1_000_000.0);
        Verdict verdict = StepJudge.judge(policy, step, figures, shadow != null);
        if (verdict.outcome() == Outcome.ROLL_BACK) {
            rollBack(route, state, current, verdict.why(), figureMap, now);
        }
        else if (verdict.outcome() == Outcome.PROMOTE) {
            move(route, policy, state, current, state.stepIndex() + 1, verdict.why(), figureMap, now);
        }
        else {
            repository.recordCheck(state, verdict.why(), figureMap, now);
        }
    }

    private void move(PlannedRoute route, AutomationPolicy policy, AutomationState state, RouteState current, int to,
            String why, @Nullable Map<String, Object> figures, Instant now) {
        Step next = policy.steps().get(to);
        boolean keepsGroups = next.stage() == Stage.CANARY && next.percent() < 100;
        RouteState moved = change(route, current, next.stage(), next.percent(),
                keepsGroups ? current.callerGroups() : List.of(), why, figures);
        if (moved == null) {
            return;
        }
        boolean last = to == policy.steps().size() - 1;
        String decision = why + (last ? "; finished at " + next.label() : "; now on " + next.label());
        AutomationState onNext = new AutomationState(state.routeId(), last ? Status.FINISHED : Status.RUNNING, to, now,
                moved.version(), null, null, null, figures, null, state.revision() + 1);
        if (save(onNext, state, decision, now) && !last) {
            // the next step's window opens now, not at the next check: no request of the new step is missed
            windows.put(route.id(), StepWindow.open(StepWindow.key(onNext), table.current().route(route.id()),
                    evidence.getIfAvailable()));
        }
        log.info("Automation moved route '{}' to {}: {}", route.id(), next.label(), why);
    }

    private void rollBack(PlannedRoute route, AutomationState state, RouteState current, String why,
            Map<String, Object> figures, Instant now) {
        RouteState moved = change(route, current, Stage.LEGACY, null, List.of(), why, figures);
        if (moved == null) {
            return;
        }
        save(new AutomationState(state.routeId(), Status.ROLLED_BACK, state.stepIndex(), state.stepStartedAt(),
                moved.version(), null, null, null, figures, null, state.revision()), why, now);
        log.warn("Automation rolled route '{}' back to legacy: {}", route.id(), why);
    }

    /** An ordinary stage change, conditional on the version judged: an operator's change in between wins. */
    @Nullable
    private RouteState change(PlannedRoute route, RouteState current, Stage stage, @Nullable Integer percent,
            List<String> callerGroups, String why, @Nullable Map<String, Object> figures) {
        try {
            return changes.change(route.id(), stage.id(), stage == Stage.CANARY ? percent : null, callerGroups,
                    "automation: " + why, current.version(), user, figures);
        }
        catch (ChangeRejectedException e) {
            log.info("Automation did not move route '{}': {}", route.id(), e.getMessage());
            return null;
        }
    }

    private boolean save(AutomationState state, String decision, Instant now) {
        return save(state, state, decision, now);
    }

    /** Stores {@code next} if the stored state is still at {@code expected}'s revision. */
    private boolean save(AutomationState next, AutomationState expected, String decision, Instant now) {
        AutomationState state = next;
        boolean saved = repository.update(state, expected.revision(), decision, now);
        if (saved) {
            windows.remove(state.routeId());
        }
        return saved;
    }

    private AutomationState firstState(PlannedRoute route, RouteState current) {
        AutomationPolicy policy = route.automation();
        int index = policy.indexOf(current.stage(), current.percent());
        Instant now = now();
        if (index < 0 && current.stage() != Stage.LEGACY) {
            String why = "route stands at " + label(current) + ", which is not one of its steps " + policy.labels();
            return new AutomationState(route.id(), Status.PAUSED, -1, now, current.version(), user, why,
                    "paused by " + user + ": " + why, null, null, 0);
        }
        Status status = index == policy.steps().size() - 1 ? Status.FINISHED : Status.RUNNING;
        return new AutomationState(route.id(), status, index, now, current.version(), null, null, null, null, null, 0);
    }

    private static AutomationState withStatus(AutomationState state, Status status, @Nullable String by,
            @Nullable String why) {
        return new AutomationState(state.routeId(), status, state.stepIndex(), state.stepStartedAt(),
                state.observedVersion(), by, why, state.lastDecision(), state.lastFigures(), state.checkedAt(),
                state.revision());
    }

    private static String describe(AutomationState state) {
        return switch (state.status()) {
            case PAUSED -> "paused by " + state.pausedBy() + ": " + state.pausedReason();
            case FINISHED -> state.lastDecision() == null ? "finished" : state.lastDecision();
            case ROLLED_BACK -> state.lastDecision() == null ? "rolled back" : state.lastDecision();
            case RUNNING -> "running";
        };
    }

    /** To the microsecond, as PostgreSQL stores it: a step's window is recognised by its stored start. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    String user() {
        return user;
    }

    /** The step label, with a canary's caller groups: {@code canary 20 + staff}. */
    static String label(RouteState state) {
        String step = new Step(state.stage(), state.percent()).label();
        return state.callerGroups().isEmpty() ? step : step + " + " + String.join(", ", state.callerGroups());
    }

    List<PlannedRoute> automatedRoutes() {
        return plan.routes().stream().filter(route -> route.automation() != null).toList();
    }
}
