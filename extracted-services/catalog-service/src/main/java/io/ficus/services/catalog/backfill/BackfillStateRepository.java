package io.ficus.services.catalog.backfill;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The backfill's progress in {@code catalog.backfill}, one row per source. */
@Repository
class BackfillStateRepository {

    static final String SOURCE = "monolith";
    private static final String SELECT_STATE =
            "select status, cursor_sku as cursor, rows_copied, last_error from catalog.backfill where source = :source";

    private final JdbcClient jdbc;

    BackfillStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BackfillState> find() {
        return jdbc.sql(SELECT_STATE).param("source", SOURCE).query(BackfillState.class).optional();
    }

    /** Records a run as started (again), keeping the cursor of an earlier one. */
    BackfillState begin() {
        jdbc.sql("insert into catalog.backfill (source, status) values (:source, 'RUNNING')"
                        + " on conflict (source) do update set status = 'RUNNING', last_error = null, updated_at = now()"
                        + " where backfill.status <> 'COMPLETED'")
                .param("source", SOURCE).update();
        return find().orElseThrow();
    }

    /** The state, locked until the calling transaction ends: instances apply one page at a time. */
    BackfillState lockForPage() {
        return jdbc.sql(SELECT_STATE + " for update").param("source", SOURCE).query(BackfillState.class).single();
    }

    /** Moves the cursor past a page; called in the transaction that applied the page. */
    void advance(String cursor, int rows) {
        jdbc.sql("update catalog.backfill set cursor_sku = :cursor, rows_copied = rows_copied + :rows, updated_at = now()"
                        + " where source = :source")
                .param("cursor", cursor).param("rows", rows).param("source", SOURCE).update();
    }

    void complete() {
        jdbc.sql("update catalog.backfill set status = 'COMPLETED', completed_at = now(), updated_at = now() where source = :source")
                .param("source", SOURCE).update();
    }

    /** Records a run's failure, unless another instance has completed the backfill meanwhile. */
    void fail(String error) {
        jdbc.sql("update catalog.backfill set status = 'FAILED', last_error = :error, updated_at = now()"
                        + " where source = :source and status <> 'COMPLETED'")
                .param("error", error).param("source", SOURCE).update();
    }
}
