package io.ficus.gateway.automation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes exactly one replica the one that acts: a PostgreSQL session-level advisory lock, taken with
 * {@code pg_try_advisory_lock} on a connection this class keeps for as long as it holds the lock. The lock ends with
 * that session, so a replica that dies or loses its connection lets another one take over at its next check. Not
 * thread-safe: the automation's single thread calls it.
 */
class AutomationLock {

    private static final Logger log = LoggerFactory.getLogger(AutomationLock.class);
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private final long key;
    private Connection connection;

    AutomationLock(DataSource dataSource, long key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /**
     * True when this replica holds the lock now: keeps it if its connection still works, otherwise tries to take it.
     * A lost connection answers false (stop acting) and the lock is tried again at the next call.
     */
    boolean holdOrAcquire() {
        if (connection != null) {
            if (valid()) {
                return true;
            }
            log.warn("Lost the database connection that held the automation lock: this gateway stops acting on "
                    + "automated routes until it holds the lock again");
            discard();
            return false;
        }
        Connection candidate = null;
        try {
            candidate = dataSource.getConnection();
            candidate.setAutoCommit(true);
            if (tryLock(candidate)) {
                connection = candidate;
                log.info("This gateway holds the automation lock ({}): it judges and moves automated routes", key);
                return true;
            }
            candidate.close();
        }
        catch (SQLException e) {
            log.warn("Could not try the automation lock: {}", e.getMessage());
            close(candidate);
        }
        return false;
    }

    boolean held() {
        return connection != null;
    }

    /** Unlocks and gives the connection back (shutdown). */
    void release() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
            connection.close();
        }
        catch (SQLException e) {
            // the session is gone or going: PostgreSQL releases a session's advisory locks when it ends
            discard();
        }
        connection = null;
    }

    private boolean tryLock(Connection candidate) throws SQLException {
        try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private boolean valid() {
        try {
            return connection.isValid(VALIDATION_SECONDS);
        }
        catch (SQLException e) {
            return false;
        }
    }

    /** Drops a connection whose session may still hold the lock: it must not go back to the pool for reuse. */
    private void discard() {
        Connection broken = connection;
        connection = null;
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(broken);
                return;
            }
        }
        catch (SQLException e) {
            // fall through to a plain close
        }
        close(broken);
    }

    private static void close(Connection candidate) {
        if (candidate == null) {
            return;
        }
        try {
            candidate.close();
        }
        catch (SQLException e) {
            // nothing more to do with a connection that cannot even close
        }
    }
}
