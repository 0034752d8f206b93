package io.ficus.gateway.automation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import io.ficus.gateway.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The advisory lock: one holder per database, released on stop, lost with its connection. */
class AutomationLockTests {

    static final long KEY = 42;

    String url;
    HikariDataSource first;
    HikariDataSource second;

    @BeforeEach
    void databases() {
        url = TestDatabase.newDatabaseUrl();
        first = dataSource(url);
        second = dataSource(url);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void onlyOneHoldsItUntilItIsReleased() {
        AutomationLock one = new AutomationLock(first, KEY);
        AutomationLock two = new AutomationLock(second, KEY);

        assertThat(one.holdOrAcquire()).isTrue();
        assertThat(two.holdOrAcquire()).isFalse();
        assertThat(one.holdOrAcquire()).as("kept while its connection works").isTrue();

        one.release();

        assertThat(one.held()).isFalse();
        assertThat(two.holdOrAcquire()).isTrue();
        assertThat(one.holdOrAcquire()).isFalse();
    }

    @Test
    void stopsActingWhenItsConnectionIsLostAndAnotherTakesOver() throws SQLException {
        AutomationLock one = new AutomationLock(first, KEY);
        AutomationLock two = new AutomationLock(second, KEY);
        assertThat(one.holdOrAcquire()).isTrue();

        assertThat(terminateLockHolder()).isEqualTo(1);

        assertThat(one.holdOrAcquire()).as("a lost connection answers false: stop acting").isFalse();
        assertThat(two.holdOrAcquire()).isTrue();
        assertThat(one.holdOrAcquire()).isFalse();
    }

    /** Ends the database session holding the advisory lock, as a network cut or a database restart would. */
    private int terminateLockHolder() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement();
                ResultSet killed = statement.executeQuery("""
                        select count(*) from (select pg_terminate_backend(pid) from pg_locks
                        where locktype = 'advisory' and objid = %d and granted) terminated""".formatted(KEY))) {
            killed.next();
            return killed.getInt(1);
        }
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }
}
