package io.ficus.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in application for {@link AppProcessTests}: reads Spring-style {@code --key=value} arguments, answers
 * the readiness probe, and records in its working directory what it was started with.
 */
public final class FixtureApp {

    private FixtureApp() {
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        boolean failAtStart = false;
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            }
            failAtStart |= arg.equals("--fixture.fail=true");
        }
        Files.writeString(Path.of("arguments.txt"), String.join("\n", args) + "\nenv " + System.getenv("FIXTURE_ENV"));
        if (failAtStart) {
            System.out.println("fixture refuses to start: fixture.fail is set");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fixture stopping on SIGTERM")));
        server.start();
        System.out.println("fixture listening on " + port);
    }
}
