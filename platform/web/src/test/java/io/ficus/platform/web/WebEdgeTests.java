package io.ficus.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.ficus.platform.web.testapp.SampleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared edge in a real Tomcat: an app with one controller and one advice of its own answers every framework
 * error, oversize body, hostile input and container-level error as {@code application/problem+json}, naming the
 * field or parameter where there is one.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "ficus.web.max-request-body=1KB", "server.max-http-request-header-size=8KB" })
class WebEdgeTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    // --- strict JSON, the field named ---

    @Test
    void aValidBodyIsAccepted() {
        Answer created = post("{\"name\": \"Fig\", \"count\": 2, \"note\": \"tab\\tok\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        post("{\"name\": \"Fig\", \"count\": 1, \"name\": \"Other\"}")
                .isProblem(400).namesField("name", "appears more than once");
    }

    @Test
    void aFractionForAnIntegerIsRefusedNamingTheField() {
        post("{\"name\": \"Fig\", \"count\": 1.5}").isProblem(400).namesField("count", "must be a JSON integer");
        post("{\"name\": \"Fig\", \"count\": \"1\"}").isProblem(400).namesField("count", "must be a JSON integer");
    }

    @Test
    void aNumberForTextIsRefusedNamingTheField() {
        post("{\"name\": 42, \"count\": 1}").isProblem(400).namesField("name", "must be a JSON string");
    }

    @Test
    void controlAndBidiCharactersAreRefusedNamingTheFieldWithoutEchoingTheValue() {
        Answer nul = post("{\"name\": \"Fig\\u0000secret\", \"count\": 1}").isProblem(400)
                .namesField("name", "contains a control character (U+0000)");
        assertThat(nul.body()).doesNotContain("secret");
        post("{\"name\": \"Fig\", \"count\": 1, \"note\": \"a\\u202eb\"}").isProblem(400)
                .namesField("note", "contains a bidirectional control character (U+202E)");
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        post("{\"name\": \"Fig\", \"count\": 1, \"colour\": \"green\"}").isProblem(400)
                .namesField("colour", "is not a known field");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Answer answer = post("{\"name\": ").isProblem(400);
        assertThat(answer.json().path("title").asString()).isEqualTo("Malformed request");
    }

    @Test
    void beanValidationNamesEachField() {
        post("{\"name\": \" \", \"count\": null, \"note\": \"far too long for it\"}").isProblem(400)
                .namesField("name", "must not be blank").namesField("count", "must not be null")
                .namesField("note", "size must be between 0 and 10");
    }

    // --- parameters ---

    @Test
    void parametersAreValidatedAndNamed() {
        get("/plants?q=toolong").isProblem(400).namesField("q", "size must be between 0 and 5");
        get("/plants?q=fig&page=11").isProblem(400).namesField("page", "must be less than or equal to 10");
        get("/plants?q=fig&page=first").isProblem(400).namesField("page", "has an invalid value");
        get("/plants/one").isProblem(400).namesField("id", "has an invalid value");
        get("/plants").isProblem(400).namesField("q", "is required");
    }

    // --- Spring MVC's own errors ---

    @Test
    void notFoundMethodNotAllowedNotAcceptableAndUnsupportedMediaTypeAreProblems() throws Exception {
        get("/nowhere").isProblem(404);
        Answer notAllowed = send(HttpRequest.newBuilder(uri("/plants/1")).DELETE()).isProblem(405);
        assertThat(notAllowed.response().headers().firstValue("Allow")).hasValueSatisfying(
                allow -> assertThat(allow).contains("GET"));
        send(HttpRequest.newBuilder(uri("/plants/1")).header("Accept", "text/csv").GET()).isProblem(406);
        send(HttpRequest.newBuilder(uri("/plants")).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("{}"))).isProblem(415);
    }

    @Test
    void anUnforeseenFailureIsAnOpaque500() {
        Answer broken = get("/plants/broken").isProblem(500);
        assertThat(broken.json().path("detail").asString()).isEqualTo("An unexpected error occurred; it has been logged");
        assertThat(broken.body()).doesNotContain("secret").doesNotContain("IllegalStateException");
    }

    @Test
    void theAppsOwnAdviceMapsItsOwnExceptionBeforeTheSharedCatchAll() {
        Answer taken = get("/plants/taken").isProblem(409);
        assertThat(taken.json().path("detail").asString()).isEqualTo("That plant is taken");
    }

    @Test
    void anErrorSentThroughTheContainerIsAProblemFromTheErrorController() {
        get("/plants/unavailable").isProblem(503);
    }

    // --- size limit (ficus.web.max-request-body=1KB here) ---

    @Test
    void aDeclaredOversizeBodyIs413() {
        String big = "{\"name\": \"" + "x".repeat(2000) + "\", \"count\": 1}";
        Answer answer = post(big).isProblem(413);
        assertThat(answer.json().path("detail").asString()).isEqualTo("Request body exceeds the limit of 1024 bytes");
    }

    @Test
    void aChunkedOversizeBodyIs413() {
        byte[] big = ("{\"name\": \"" + "x".repeat(2000) + "\", \"count\": 1}").getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no length: the client sends it chunked, so only counting while reading catches it
        send(HttpRequest.newBuilder(uri("/plants")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))).isProblem(413);
    }

    // --- request hygiene ---

    @Test
    void controlCharactersInTheQueryOrPathAreRefusedNamingWhere() {
        get("/plants?q=a%00b").isProblem(400).namesField("q", "Query parameter 'q' contains a control character (U+0000)");
        get("/plants?q=%E2%80%AEfig").isProblem(400).namesField("q",
                "Query parameter 'q' contains a bidirectional control character (U+202E)");
        get("/plants?q=%C0%AF").isProblem(400).namesField("q", "Query parameter 'q' is not valid percent-encoded UTF-8");
        get("/plants/1%07").isProblem(400).namesField("path", "The path contains a control character (U+0007)");
    }

    @Test
    void aBodyThatIsNotStrictUtf8IsRefused() {
        byte[] overlong = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
        send(HttpRequest.newBuilder(uri("/plants")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(overlong))).isProblem(400)
                .namesField("body", "The request body is not valid UTF-8");
    }

    @Test
    void traceAndMultipartAreRefused() {
        send(HttpRequest.newBuilder(uri("/plants")).method("TRACE", BodyPublishers.noBody())).isProblem(405);
        send(HttpRequest.newBuilder(uri("/plants")).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(BodyPublishers.ofString("--x--"))).isProblem(415);
    }

    // --- errors Tomcat raises before Spring MVC ---

    @Test
    void oversizeHeadersAre431ProblemJson() {
        RawHttp answer = RawHttp.send(port, ("GET /plants?q=a HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "y".repeat(10_000) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.isProblemJson()).as(answer.head()).isTrue();
        assertThat(answer.json().path("status").asInt()).isEqualTo(431);
    }

    @Test
    void anUnparsableRequestLineIs400ProblemJson() {
        RawHttp answer = RawHttp.send(port, "GET /pla{nts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblemJson()).as(answer.head()).isTrue();
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    // --- helpers ---

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Answer post(String json) {
        return send(HttpRequest.newBuilder(uri("/plants")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            return new Answer(HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString()));
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An answer with the assertions every refusal needs. */
    record Answer(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        Answer isProblem(int status) {
            assertThat(status()).as(body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).as(body())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json().path("status").asInt()).isEqualTo(status);
            return this;
        }

        Answer namesField(String field, String message) {
            boolean named = false;
            for (JsonNode error : json().path("errors")) {
                named |= error.path("field").asString().equals(field) && error.path("message").asString().equals(message);
            }
            assertThat(named).as("errors name %s '%s' in %s", field, message, body()).isTrue();
            return this;
        }
    }
}
