package io.ficus.platform.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.slf4j.LoggerFactory;

/**
 * Started in a child JVM by {@link EmbeddedPostgresServerTests}: starts a cluster, writes a row, logs that it is ready
 * and waits to be killed, the way a real application is killed with {@code kill -9}.
 */
public final class ClusterOwner {

    static final String READY = "cluster ready, waiting to be killed";

    private ClusterOwner() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), false, 0);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists survivor (name text)");
            statement.execute("insert into survivor values ('written before kill -9')");
        }
        // The parent test waits for this line on the child's console.
        LoggerFactory.getLogger(ClusterOwner.class).info(READY);
        Thread.currentThread().join();
    }
}
