package io.ficus.gateway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.ficus.platform.postgres.EmbeddedPostgresServer;

/** One embedded PostgreSQL for the whole test run, with a fresh database per gateway (or replica group). */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private TestDatabase() {
    }

    public static synchronized String newDatabaseUrl() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(Path.of("target", "unused"), true, 0);
            EmbeddedPostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                }
                catch (Exception e) {
                    // the JVM is going away; the ephemeral directory is all that may be left
                }
            }));
        }
        String name = "gateway_test_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + server.port() + "/" + name + "?user=postgres";
    }
}
