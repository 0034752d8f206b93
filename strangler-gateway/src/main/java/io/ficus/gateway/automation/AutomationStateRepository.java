package io.ficus.gateway.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ficus.gateway.automation.AutomationState.Status;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/** Stores each automated route's progression in {@code gateway.route_automation}; every call blocks (JDBC). */
class AutomationStateRepository {

    private static final int MAX_DECISION = 1000;
    private static final int MAX_REASON = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> FIGURES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AutomationStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a first state for a route that has none; a stored state wins (it survives restarts and replicas). */
    void addIfMissing(AutomationState state) {
        jdbc.sql("""
                insert into gateway.route_automation (route_id, state, step_index, step_started_at, observed_version,
                    paused_by, paused_reason, last_decision, revision, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) on conflict (route_id) do nothing""")
                .params(state.routeId(), state.status().name(), state.stepIndex(), ts(state.stepStartedAt()),
                        state.observedVersion(), state.pausedBy(), cut(state.pausedReason(), MAX_REASON),
                        cut(state.lastDecision(), MAX_DECISION), ts(state.stepStartedAt()))
                .update();
    }

    List<AutomationState> findAll() {
        return jdbc.sql("select * from gateway.route_automation").query(AutomationStateRepository::state).list();
    }

    Optional<AutomationState> find(String routeId) {
        return jdbc.sql("select * from gateway.route_automation where route_id = ?").param(routeId)
                .query(AutomationStateRepository::state).optional();
    }

    /**
     * Writes a new status and step if the stored revision is still {@code expectedRevision}; false when another
     * writer (a pause from the admin API) got there first.
     */
    boolean update(AutomationState state, long expectedRevision, String decision, Instant now) {
        return jdbc.sql("""
                update gateway.route_automation set state = ?, step_index = ?, step_started_at = ?, observed_version = ?,
                    paused_by = ?, paused_reason = ?, last_decision = ?, checked_at = ?, revision = revision + 1,
                    updated_at = ?
                where route_id = ? and revision = ?""")
                .params(state.status().name(), state.stepIndex(), ts(state.stepStartedAt()), state.observedVersion(),
                        state.pausedBy(), cut(state.pausedReason(), MAX_REASON), cut(decision, MAX_DECISION), ts(now),
                        ts(now), state.routeId(), expectedRevision)
                .update() == 1;
    }

    /** Records what the last check found without changing status or step (no new revision). */
    void recordCheck(AutomationState state, String decision, @Nullable Map<String, Object> figures, Instant now) {
        jdbc.sql("""
                update gateway.route_automation set last_decision = ?, last_figures = cast(? as json), checked_at = ?
                where route_id = ? and revision = ?""")
                .params(cut(decision, MAX_DECISION), figures == null ? null : JSON.writeValueAsString(figures), ts(now),
                        state.routeId(), state.revision())
                .update();
    }

    private static AutomationState state(ResultSet rs, int row) throws SQLException {
        String figures = rs.getString("last_figures");
        Timestamp checked = rs.getTimestamp("checked_at");
        return new AutomationState(rs.getString("route_id"), Status.valueOf(rs.getString("state")),
                rs.getInt("step_index"), rs.getTimestamp("step_started_at").toInstant(), rs.getLong("observed_version"),
                rs.getString("paused_by"), rs.getString("paused_reason"), rs.getString("last_decision"),
                figures == null ? null : JSON.readValue(figures, FIGURES), checked == null ? null : checked.toInstant(),
                rs.getLong("revision"));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    @Nullable
    private static String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
