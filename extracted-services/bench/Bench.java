import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver of the extraction benchmarks (JDK only: {@code java Bench.java <mode> …}); prints figures, asserts
 * nothing. Talks to 127.0.0.1 only.
 * <ul>
 * <li>{@code generate <base> <count> <threads>}: creates BENCH-nnnnnn products, prints products/s</li>
 * <li>{@code sync-lag <monolith> <service> <writes/s> <seconds> <first sku number>}: price changes on the
 * monolith at a fixed rate, each to another product; for each, the time from the monolith's answer until
 * catalog-service serves the new price (p50/p99)</li>
 * <li>{@code orders <base> <count> <first sku number>}: places orders one after another, each for another
 * generated product (no cache can answer), prints the placement latency</li>
 * <li>{@code orders-ab <in-process base> <remote base> <count> <first sku number>}: the same, alternating between
 * two monoliths so that both see the same machine load; prints both and the difference</li>
 * <li>{@code issuer <port> <token file> <seconds>}: a minimal OIDC issuer on 127.0.0.1 (metadata and an RS256 key
 * set) that writes one staff access token for audience {@code ficus} to the file, then serves for the given seconds
 * and exits</li>
 * <li>{@code token-ab <url> <token> <count>}: GETs the url alternately with the bearer token and without, one at a
 * time; prints both and the time the backend's token validation adds</li>
 * </ul>
 */
public class Bench {

    /** Figures are the program's output (standard out); anything else goes to the JDK's logger. */
    private static final System.Logger LOG = System.getLogger("Bench");

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern PRICE = Pattern.compile("\"price\"\\s*:\\s*\"([0-9.]+)\"");

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        int needed = switch (mode) {
            case "generate", "orders", "issuer", "token-ab" -> 4;
            case "orders-ab" -> 5;
            case "sync-lag" -> 6;
            default -> -1;
        };
        if (needed < 0 || args.length != needed) {
            System.err.println("usage: java Bench.java generate <base> <count> <threads> | sync-lag <monolith> <service>"
                    + " <writes/s> <seconds> <first sku> | orders <base> <count> <first sku>"
                    + " | orders-ab <monolith> <service> <count> <first sku>"
                    + " | issuer <port> <token file> <seconds> | token-ab <url> <token> <count>");
            System.exit(2);
        }
        switch (mode) {
            case "generate" -> generate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "sync-lag" -> syncLag(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "orders" -> orders(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "orders-ab" -> ordersAb(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "issuer" -> BenchIssuer.serve(Integer.parseInt(args[1]), java.nio.file.Path.of(args[2]),
                    Integer.parseInt(args[3]));
            case "token-ab" -> tokenAb(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalStateException("unreachable: " + mode);
        }
    }

    static String sku(int n) {
        return "BENCH-%06d".formatted(n);
    }

    static void generate(String base, int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    String body = """
                            {"sku":"%s","name":"Bench product %d","description":"generated","price":"%d.%02d","currency":"EUR"}"""
                            .formatted(sku(n), n, 1 + n % 500, n % 100);
                    int status = send("PUT", base + "/api/catalog/products/" + sku(n), body).statusCode();
                    if (status != 201 && status != 200) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("generated %d products in %.1f s (%.0f products/s), %d failed%n", count, seconds,
                count / seconds, failed.get());
    }

    /** A write the service has not been seen serving yet. */
    record Pending(String sku, String price, long writtenNanos) {
    }

    static void syncLag(String monolith, String service, int perSecond, int seconds, int firstSku) throws Exception {
        int total = perSecond * seconds;
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
        CountDownLatch scheduled = new CountDownLatch(total);
        AtomicLong failedWrites = new AtomicLong();
        AtomicLong lastWrite = new AtomicLong();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long firstWrite = System.nanoTime();
        // Every write is to another product, so no later write can hide the one being measured.
        clock.scheduleAtFixedRate(() -> {
            int n = sequence.getAndIncrement();
            if (n >= total) {
                return;
            }
            writers.submit(() -> {
                String sku = sku(firstSku + n);
                String price = "%d.%02d".formatted(600 + n % 300, n % 100);
                String body = """
                        {"name":"Bench product","description":"sync lag","price":"%s","currency":"EUR"}""".formatted(price);
                try {
                    if (send("PUT", monolith + "/api/catalog/products/" + sku, body).statusCode() == 200) {
                        long now = System.nanoTime();
                        lastWrite.set(now);
                        pending.add(new Pending(sku, price, now));
                        return null;
                    }
                }
                catch (Exception e) {
                    // counted below
                }
                failedWrites.incrementAndGet();
                return null;
            });
            scheduled.countDown();
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        // Two readers go round the writes not seen yet, one GET at a time each: the measurement itself stays a
        // small load next to 50 writes/s. A lag is taken when a reader first sees the new price.
        ExecutorService readers = Executors.newFixedThreadPool(2);
        AtomicLong unseen = new AtomicLong();
        AtomicBoolean written = new AtomicBoolean();
        for (int r = 0; r < 2; r++) {
            readers.submit(() -> {
                while (!written.get() || !pending.isEmpty()) {
                    Pending write = pending.poll(10, TimeUnit.MILLISECONDS);
                    if (write == null) {
                        continue;
                    }
                    Matcher m = PRICE.matcher(send("GET", service + "/api/catalog/products/" + write.sku(), null).body());
                    if (m.find() && m.group(1).equals(write.price())) {
                        lags.add(System.nanoTime() - write.writtenNanos());
                    }
                    else if (System.nanoTime() - write.writtenNanos() > TimeUnit.SECONDS.toNanos(30)) {
                        unseen.incrementAndGet();
                    }
                    else {
                        pending.add(write);
                    }
                }
                return null;
            });
        }
        if (!scheduled.await(seconds + 60L, TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "not every write was scheduled in time: the rate is below the one asked for");
        }
        clock.shutdown();
        writers.shutdown();
        writers.awaitTermination(2, TimeUnit.MINUTES);
        written.set(true);
        readers.shutdown();
        readers.awaitTermination(2, TimeUnit.MINUTES);
        double writing = (lastWrite.get() - firstWrite) / 1e9;
        System.out.printf("sync lag monolith write -> catalog-service read: %d writes at %.1f writes/s, %s; failed writes %d, not seen within 30 s %d%n",
                total, total / writing, percentiles(new ArrayList<>(lags)), failedWrites.get(), unseen.get());
    }

    static void orders(String base, int count, int firstSku) throws Exception {
        List<Long> latencies = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            String body = """
                    {"lines":[{"sku":"%s","quantity":1}]}""".formatted(sku(firstSku + i));
            long start = System.nanoTime();
            int status = send("POST", base + "/api/orders", body).statusCode();
            long took = System.nanoTime() - start;
            if (status == 201) {
                latencies.add(took);
            }
            else {
                failed++;
            }
        }
        System.out.printf("order placement (POST /api/orders, %d orders, each another product): %s, failed %d%n",
                count, percentiles(latencies), failed);
    }

    static void ordersAb(String inProcess, String remote, int count, int firstSku) throws Exception {
        List<Long> local = new ArrayList<>();
        List<Long> viaService = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            for (int side = 0; side < 2; side++) {
                String base = (i + side) % 2 == 0 ? inProcess : remote; // alternate which goes first
                String body = """
                        {"lines":[{"sku":"%s","quantity":1}]}""".formatted(
                        sku(firstSku + 2 * i + side));
                long start = System.nanoTime();
                int status = send("POST", base + "/api/orders", body).statusCode();
                long took = System.nanoTime() - start;
                if (status != 201) {
                    failed++;
                }
                else if (base.equals(inProcess)) {
                    local.add(took);
                }
                else {
                    viaService.add(took);
                }
            }
        }
        double localP50 = at(sorted(local), 0.5);
        double remoteP50 = at(sorted(viaService), 0.5);
        double localMean = local.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        double remoteMean = viaService.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        System.out.printf("order placement, pricing in-process: %s%n", percentiles(local));
        System.out.printf("order placement, pricing remote:     %s%n", percentiles(viaService));
        System.out.printf("added per order by remote pricing: p50 %+.1f ms, mean %+.1f ms (%d orders each side, alternating, every order another product: no cache hit), failed %d%n",
                remoteP50 - localP50, remoteMean - localMean, count, failed);
    }

    static void tokenAb(String url, String token, int count) throws Exception {
        List<Long> withToken = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < 2 * count; i++) {
            boolean bearer = i % 4 == 0 || i % 4 == 3; // with, without, without, with: neither side always goes first
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
            if (bearer) {
                request.header("Authorization", "Bearer " + token);
            }
            long start = System.nanoTime();
            int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            long took = System.nanoTime() - start;
            if (status != 200) {
                failed++;
            }
            else {
                (bearer ? withToken : without).add(took);
            }
        }
        List<Long> a = sorted(withToken);
        List<Long> b = sorted(without);
        System.out.printf("GET with a valid bearer token: %s%n", percentiles(withToken));
        System.out.printf("GET without a token:           %s%n", percentiles(without));
        System.out.printf("added by token validation: p50 %+.2f ms, p99 %+.2f ms (%d requests each side, alternating, one at a time), failed %d%n",
                at(a, 0.5) - at(b, 0.5), at(a, 0.99) - at(b, 0.99), count, failed);
    }

    static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        Collections.sort(nanos);
        double mean = nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        return "p50 %.1f ms, p99 %.1f ms, mean %.1f ms, max %.1f ms (n=%d)".formatted(at(nanos, 0.50), at(nanos, 0.99),
                mean, nanos.get(nanos.size() - 1) / 1e6, nanos.size());
    }

    static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    static HttpResponse<String> send(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        // the shop checks tokens (ADR 0016): orders are placed as a customer, catalog writes need staff (run.sh)
        String token = System.getenv(url.contains("/api/orders") ? "FICUS_CUSTOMER_TOKEN" : "FICUS_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

/**
 * A minimal OpenID Connect issuer for the token benchmark (JDK only): its metadata and one RS256 key on 127.0.0.1,
 * and one access token in the estate's shape (issuer, audience {@code ficus}, role {@code staff}, an hour to live).
 * The backend fetches the key set once; what the benchmark measures is the backend's own check of every request.
 */
class BenchIssuer {

    static void serve(int port, java.nio.file.Path tokenFile, int seconds) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair keys = generator.generateKeyPair();
        java.security.interfaces.RSAPublicKey publicKey = (java.security.interfaces.RSAPublicKey) keys.getPublic();
        String issuer = "http://127.0.0.1:" + port;
        String metadata = """
                {"issuer":"%s","jwks_uri":"%s/jwks","response_types_supported":["code"],\
                "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(issuer, issuer);
        String keySet = """
                {"keys":[{"kty":"RSA","kid":"bench","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}""".formatted(
                base64(unsigned(publicKey.getModulus())), base64(unsigned(publicKey.getPublicExponent())));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, metadata));
        server.createContext("/jwks", exchange -> answer(exchange, keySet));
        server.start();
        // a bounded life: the script stops it, and if the script dies it stops by itself
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "issuer-end");
            thread.setDaemon(true);
            return thread;
        }).schedule(() -> server.stop(0), seconds, TimeUnit.SECONDS);

        long now = System.currentTimeMillis() / 1000;
        String header = """
                {"alg":"RS256","typ":"JWT","kid":"bench"}""";
        String claims = """
                {"iss":"%s","sub":"bench-staff","aud":["ficus"],"roles":["staff"],"email":"bench-staff@example.com",\
                "scope":"openid","iat":%d,"exp":%d}""".formatted(issuer, now, now + 3600);
        String signingInput = base64(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + base64(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.file.Path written = java.nio.file.Files.writeString(tokenFile.resolveSibling(tokenFile.getFileName()
                + ".tmp"), signingInput + "." + base64(signature.sign()));
        java.nio.file.Files.move(written, tokenFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String base64(byte[] bytes) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
