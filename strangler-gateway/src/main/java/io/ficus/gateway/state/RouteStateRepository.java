package io.ficus.gateway.state;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ficus.gateway.plan.MigrationPlan;
import io.ficus.gateway.plan.MigrationPlan.PlannedRoute;
import io.ficus.gateway.plan.Stage;
import io.ficus.gateway.plan.StageRules.Placement;
import io.ficus.gateway.routing.RouteState;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/** Stores route states and their audit trail in the gateway's own schema; every call blocks (JDBC). */
class RouteStateRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATE_COLUMNS = "route_id, stage, percent, caller_groups, version, updated_at, updated_by";
    private static final TypeReference<Map<String, Object>> FIGURES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    RouteStateRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Adds the plan's routes that have no stored state yet, at their initial stage; stored states win. */
    void addMissing(MigrationPlan plan) {
        transactions.executeWithoutResult(status -> {
            int added = 0;
            Timestamp now = Timestamp.from(Instant.now());
            for (PlannedRoute route : plan.routes()) {
                added += jdbc.sql("""
                        insert into gateway.route_state (route_id, stage, percent, caller_groups, version, updated_at, updated_by)
                        values (?, ?, ?, ?, 1, ?, 'migration-plan') on conflict (route_id) do nothing""")
                        .params(route.id(), route.stage().name(), route.percent(), groups(route.callerGroups()), now)
                        .update();
            }
            if (added > 0) {
                bumpVersion();
            }
        });
    }

    long currentVersion() {
        return jdbc.sql("select version from gateway.routing_version where id = 1").query(Long.class).single();
    }

    List<RouteState> findAll() {
        return jdbc.sql("select " + STATE_COLUMNS + " from gateway.route_state")
                .query(RouteStateRepository::routeState)
                .list();
    }

    Optional<RouteState> find(String routeId) {
        return jdbc.sql("select " + STATE_COLUMNS + " from gateway.route_state where route_id = ?")
                .param(routeId)
                .query(RouteStateRepository::routeState)
                .optional();
    }

    /**
     * Applies a change to every route of {@code expected} if each is still at its expected version, with an audit
     * entry each, in one transaction. Returns empty (and changes nothing) when another change got there first.
     */
    Optional<List<RouteState>> change(List<RouteState> expected, Placement target, String reason, String who,
            @Nullable Map<String, Object> figures) {
        Stage stage = target.stage();
        int percent = target.percent();
        String[] groups = groups(target.callerGroups());
        String figuresJson = figures == null ? null : JSON.writeValueAsString(figures);
        return transactions.execute(status -> {
            Instant now = Instant.now();
            List<RouteState> changed = new ArrayList<>();
            for (RouteState route : expected) {
                int updated = jdbc.sql("""
                        update gateway.route_state set stage = ?, percent = ?, caller_groups = ?, version = version + 1,
                        updated_at = ?, updated_by = ? where route_id = ? and version = ?""")
                        .params(stage.name(), percent, groups, Timestamp.from(now), who, route.routeId(), route.version())
                        .update();
                if (updated == 0) {
                    status.setRollbackOnly();
                    return Optional.<List<RouteState>>empty();
                }
                jdbc.sql("""
                        insert into gateway.route_audit (route_id, from_stage, from_percent, from_caller_groups, to_stage,
                            to_percent, to_caller_groups, reason, changed_by, changed_at, figures)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as json))""")
                        .params(route.routeId(), route.stage().name(), route.percent(), groups(route.callerGroups()),
                                stage.name(), percent, groups, reason, who, Timestamp.from(now), figuresJson)
                        .update();
                changed.add(new RouteState(route.routeId(), stage, percent, target.callerGroups(),
                        route.version() + 1, now, who));
            }
            bumpVersion();
            return Optional.of(List.copyOf(changed));
        });
    }

    List<AuditEntry> audit(String routeId, int limit) {
        String sql = """
                select id, route_id, from_stage, from_percent, from_caller_groups, to_stage, to_percent, to_caller_groups,
                    reason, changed_by, changed_at, figures
                from gateway.route_audit %s order by id desc limit ?""".formatted(routeId == null ? "" : "where route_id = ?");
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        statement = routeId == null ? statement.params(limit) : statement.params(routeId, limit);
        return statement.query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getString("route_id"),
                stageId(rs.getString("from_stage")), rs.getInt("from_percent"), groups(rs.getArray("from_caller_groups")),
                stageId(rs.getString("to_stage")), rs.getInt("to_percent"), groups(rs.getArray("to_caller_groups")),
                rs.getString("reason"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(), figures(rs.getString("figures")))).list();
    }

    @Nullable
    private static Map<String, Object> figures(@Nullable String json) {
        return json == null ? null : JSON.readValue(json, FIGURES);
    }

    private void bumpVersion() {
        jdbc.sql("update gateway.routing_version set version = version + 1 where id = 1").update();
    }

    private static String stageId(String stored) {
        return Stage.valueOf(stored).id();
    }

    /** As a PostgreSQL text[] parameter (the driver maps a String[] to one). */
    private static String[] groups(List<String> groups) {
        return groups.toArray(String[]::new);
    }

    private static List<String> groups(@Nullable Array stored) throws SQLException {
        if (stored == null) {
            return List.of();
        }
        try {
            return List.of((String[]) stored.getArray());
        }
        finally {
            stored.free();
        }
    }

    private static RouteState routeState(ResultSet rs, int row) throws SQLException {
        return new RouteState(rs.getString("route_id"), Stage.valueOf(rs.getString("stage")), rs.getInt("percent"),
                groups(rs.getArray("caller_groups")), rs.getLong("version"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
