package io.ficus.platform.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Started in a child JVM by {@link EmbeddedPostgresServerTests}: starts a cluster, writes a row, says READY
 * and waits to be killed, the way a real application is killed with {@code kill -9}.
 */
public final class ClusterOwner {

    private ClusterOwner() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), false, 0);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists survivor (name text)");
            statement.execute("insert into survivor values ('written before kill -9')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
