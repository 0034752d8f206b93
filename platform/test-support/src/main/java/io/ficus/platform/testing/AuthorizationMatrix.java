package io.ficus.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every endpoint of a deployable against every kind of caller, over real HTTP with tokens of a {@link TestIssuer}:
 * anonymous, a customer, another customer, staff, a machine client, and four refused tokens (expired, signed by a
 * foreign key, for another audience, from another issuer). A test lists each request with the status each legitimate
 * caller must get; the refused tokens must get 401 everywhere. Every 401 must be {@code application/problem+json}
 * with a {@code WWW-Authenticate: Bearer} header ({@code error="invalid_token"} for a refused token, no error for a
 * request without one), every 403 and 404 problem+json. {@link #verify()} runs them all and fails once, listing every
 * difference, and returns the matrix as a table.
 */
public final class AuthorizationMatrix {

    /** The callers, in the order they are tried (staff after the others: its writes succeed). */
    public enum Caller {
        ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, MACHINE, EXPIRED, FOREIGN_KEY, OTHER_AUDIENCE, OTHER_ISSUER, STAFF;

        boolean refusedToken() {
            return this == EXPIRED || this == FOREIGN_KEY || this == OTHER_AUDIENCE || this == OTHER_ISSUER;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern STATUS_FIELD = Pattern.compile("\"status\"\\s*:\\s*(\\d{3})");

    private final String baseUrl;
    private final Map<Caller, Optional<String>> tokens = new EnumMap<>(Caller.class);
    private final List<Row> rows = new ArrayList<>();

    private AuthorizationMatrix(String baseUrl, TestIssuer issuer, String customer, String otherCustomer,
            String staff, String machineClient, String[] machineScopes) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        tokens.put(Caller.ANONYMOUS, Optional.empty());
        tokens.put(Caller.CUSTOMER, Optional.of(issuer.customer(customer)));
        tokens.put(Caller.OTHER_CUSTOMER, Optional.of(issuer.customer(otherCustomer)));
        tokens.put(Caller.STAFF, Optional.of(issuer.staff(staff)));
        tokens.put(Caller.MACHINE, Optional.of(issuer.machine(machineClient, machineScopes)));
        tokens.put(Caller.EXPIRED, Optional.of(issuer.expired(customer)));
        tokens.put(Caller.FOREIGN_KEY, Optional.of(issuer.foreignKey(staff)));
        tokens.put(Caller.OTHER_AUDIENCE, Optional.of(issuer.otherAudience(staff)));
        tokens.put(Caller.OTHER_ISSUER, Optional.of(issuer.otherIssuer(staff)));
    }

    /**
     * A matrix for the app at {@code baseUrl}: {@code customer} is the customer whose data the rows ask for,
     * {@code otherCustomer} someone else; the machine client holds {@code machineScopes}.
     */
    public static AuthorizationMatrix of(String baseUrl, TestIssuer issuer, String customer, String otherCustomer,
            String staff, String machineClient, String... machineScopes) {
        return new AuthorizationMatrix(baseUrl, issuer, customer, otherCustomer, staff, machineClient, machineScopes);
    }

    /** Adds a request (a JSON body or {@code null}); the returned row takes the expected statuses. */
    public Row request(String method, String path, String jsonBody) {
        Row row = new Row(method, path, jsonBody);
        rows.add(row);
        return row;
    }

    public Row request(String method, String path) {
        return request(method, path, null);
    }

    /** Runs every row for every caller; fails listing each difference; returns the matrix of actual statuses. */
    public String verify() {
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-52s", "request"));
        for (Caller caller : Caller.values()) {
            table.append(String.format(" %-14s", caller.name().toLowerCase()));
        }
        table.append('\n');
        for (Row row : rows) {
            if (row.expected.size() != Caller.values().length) {
                throw new IllegalStateException(row + ": expected statuses missing for some callers");
            }
            table.append(String.format("%-52s", row));
            for (Caller caller : Caller.values()) {
                HttpResponse<String> response = send(row, tokens.get(caller));
                table.append(String.format(" %-14d", response.statusCode()));
                check(row, caller, response, failures);
            }
            table.append('\n');
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("Authorization matrix differs in " + failures.size() + " place(s):\n  "
                    + String.join("\n  ", failures) + "\n\n" + table);
        }
        return table.toString();
    }

    private void check(Row row, Caller caller, HttpResponse<String> response, List<String> failures) {
        String where = row + " as " + caller.name().toLowerCase() + ": ";
        int expected = row.expected.get(caller);
        int status = response.statusCode();
        if (status != expected) {
            failures.add(where + "status " + status + ", expected " + expected + " " + abbreviate(response.body()));
            return;
        }
        if (status == 401 || status == 403 || status == 404) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add(where + status + " with Content-Type '" + type + "', expected application/problem+json");
            }
            var field = STATUS_FIELD.matcher(response.body());
            boolean bodyless = "HEAD".equals(row.method);
            if (!bodyless && (!field.find() || Integer.parseInt(field.group(1)) != status)) {
                failures.add(where + status + " without a problem body of that status: " + abbreviate(response.body()));
            }
        }
        if (status == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            if (!challenge.startsWith("Bearer")) {
                failures.add(where + "401 without WWW-Authenticate: Bearer (got '" + challenge + "')");
            }
            else if (caller.refusedToken() && !challenge.contains("error=\"invalid_token\"")) {
                failures.add(where + "401 for a refused token without error=\"invalid_token\": " + challenge);
            }
            else if (caller == Caller.ANONYMOUS && challenge.contains("error=")) {
                failures.add(where + "401 without a token must not name an error (RFC 6750 3.1): " + challenge);
            }
        }
        for (Check bodyCheck : row.checks) {
            if (bodyCheck.caller == caller && !bodyCheck.body.test(response.body())) {
                failures.add(where + "body is not " + bodyCheck.description + ": " + abbreviate(response.body()));
            }
        }
    }

    private HttpResponse<String> send(Row row, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + row.path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .method(row.method, row.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(row.body));
        if (row.body != null) {
            request.header("Content-Type", "application/json");
        }
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new AssertionError(row + ": no answer (" + e + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** One request of the matrix and what each caller must get. */
    public final class Row {

        private final String method;
        private final String path;
        private final String body;
        private final Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        private final List<Check> checks = new ArrayList<>();

        private Row(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        /**
         * The statuses of the legitimate callers; every refused token must get 401.
         */
        public AuthorizationMatrix expect(int anonymous, int customer, int otherCustomer, int machine, int staff) {
            expected.put(Caller.ANONYMOUS, anonymous);
            expected.put(Caller.CUSTOMER, customer);
            expected.put(Caller.OTHER_CUSTOMER, otherCustomer);
            expected.put(Caller.MACHINE, machine);
            expected.put(Caller.STAFF, staff);
            for (Caller caller : Caller.values()) {
                if (caller.refusedToken()) {
                    expected.put(caller, 401);
                }
            }
            return AuthorizationMatrix.this;
        }

        /** The same status for every legitimate caller (a public endpoint). */
        public AuthorizationMatrix expectEveryone(int status) {
            return expect(status, status, status, status, status);
        }

        /** Also checks the body {@code caller} gets, e.g. that another customer sees nothing of the customer's. */
        public Row bodyOf(Caller caller, String description, Predicate<String> body) {
            checks.add(new Check(caller, description, body));
            return this;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private record Check(Caller caller, String description, Predicate<String> body) {
    }
}
