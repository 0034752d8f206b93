package io.ficus.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak for a test: the distribution the build unpacked ({@code ficus.keycloak.home}) started as
 * {@code kc.sh start-dev} on 127.0.0.1 and free ports, its dev-file database cleared first, the realm of
 * {@code keycloak/ficus-realm.json} imported at startup ({@code --import-realm}). Start waits (bounded) for the realm's
 * OIDC metadata; {@link #close()} stops the launcher and the JVM under it (SIGTERM, then SIGKILL after a bound), also
 * from a shutdown hook if the test JVM ends first.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "ficus";

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path logFile;
    private final Process process;
    private final Thread cleanup;

    private KeycloakServer(Path home, int port, Process process) {
        this.port = port;
        this.logFile = home.resolve("keycloak-test.log");
        this.process = process;
        this.cleanup = new Thread(this::stop, "keycloak-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts Keycloak with the realm imported and waits until the realm answers, at most {@code startupTimeout}. */
    static KeycloakServer start(Duration startupTimeout) {
        Path home = Path.of(System.getProperty("ficus.keycloak.home", "target/keycloak/missing"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + "/bin/kc.sh is missing: run the test through Maven, which unpacks "
                    + "Keycloak's distribution");
        }
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        Process process;
        try {
            prepareData(home);
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--import-realm", "--db=dev-file", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + managementPort, "--hostname-strict=false")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak-test.log").toFile());
            // the JDK running the tests runs Keycloak too (17 in CI; the dist accepts 17 and 21)
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            process = builder.start();
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot start Keycloak from " + home + ": " + e.getMessage(), e);
        }
        KeycloakServer server = new KeycloakServer(home, port, process);
        log.info("Started Keycloak (pid {}) on port {}, log {}", process.pid(), port, server.logFile);
        try {
            server.awaitRealm(startupTimeout);
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A fresh dev-file database every run, and the realm file where {@code --import-realm} reads it. */
    private static void prepareData(Path home) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/ficus-realm.json")) {
            if (realm == null) {
                throw new IllegalStateException("keycloak/ficus-realm.json is not on the test classpath");
            }
            Files.copy(realm, imports.resolve("ficus-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The realm's issuer, what every Ficus app is given as its issuer URI. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** An access token for a confidential client of the realm, by the client-credentials grant. */
    String clientCredentialsToken(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(secret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + clientId + ": "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    /** The claims of a token Keycloak issued, as JSON (no check: for assertions about what Keycloak puts in). */
    static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
    }

    private void awaitRealm(Duration timeout) {
        URI metadata = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                        + " during startup; last log lines:\n" + tail());
            }
            try {
                HttpRequest probe = HttpRequest.newBuilder(metadata).timeout(Duration.ofSeconds(5)).GET().build();
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            AppProcess.waitForExit(process.toHandle(), Duration.ofSeconds(1));
        }
        throw new IllegalStateException("Keycloak's realm did not answer within " + timeout + " at " + metadata
                + "; last log lines:\n" + tail());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    /** SIGTERM to the launcher (which forwards it to its JVM) and that JVM; SIGKILL to both after the bound. */
    private void stop() {
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            if (!AppProcess.waitForExit(handle, STOP_TIMEOUT)) {
                log.warn("Keycloak process {} did not stop within {}: killing it", handle.pid(), STOP_TIMEOUT);
                handle.destroyForcibly();
                AppProcess.waitForExit(handle, Duration.ofSeconds(10));
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
