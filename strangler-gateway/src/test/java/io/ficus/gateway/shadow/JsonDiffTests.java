package io.ficus.gateway.shadow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.ficus.gateway.plan.FieldPaths;
import io.ficus.gateway.plan.ShadowSettings;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Comparing two answers by meaning: field paths, arrays, ignored paths, status and headers, samples. */
class JsonDiffTests {

    private final AnswerComparer comparer = new AnswerComparer();

    @Test
    void findsNothingWhenOnlyFieldOrderAndNumberSpellingDiffer() {
        List<Difference> differences = compare("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":2.50}}",
                "{\"b\":{\"d\":2.5,\"c\":\"x\"},\"a\":1.0}", rules());

        assertThat(differences).isEmpty();
    }

    @Test
    void namesEachDifferingFieldByItsPathWithBothValues() {
        List<Difference> differences = compare(
                "{\"name\":\"Fig\",\"price\":{\"amount\":\"9.90\",\"currency\":\"EUR\"},\"tags\":[\"a\"],\"gone\":1}",
                "{\"name\":\"Fig\",\"price\":{\"amount\":9.90,\"currency\":\"EUR\"},\"tags\":[\"a\"],\"extra\":null}",
                rules());

        assertThat(differences).containsExactly(
                new Difference("$.price.amount", "$.price.amount", "\"9.90\"", "9.90"),
                new Difference("$.gone", "$.gone", "1", null),
                new Difference("$.extra", "$.extra", null, "null"));
    }

    @Test
    void comparesArraysByPositionCountingEveryElementUnderOnePath() {
        List<Difference> differences = compare("{\"items\":[{\"sku\":\"A\",\"stock\":1},{\"sku\":\"B\",\"stock\":2}]}",
                "{\"items\":[{\"sku\":\"B\",\"stock\":2},{\"sku\":\"A\",\"stock\":1},{\"sku\":\"C\",\"stock\":0}]}",
                rules());

        assertThat(differences).extracting(Difference::at).containsExactly("$.items[0].sku", "$.items[0].stock",
                "$.items[1].sku", "$.items[1].stock", "$.items[2]");
        assertThat(differences).extracting(Difference::path).containsOnly("$.items[*].sku", "$.items[*].stock",
                "$.items[*]");
    }

    @Test
    void comparesArraysByAConfiguredKeySoThatOrderDoesNotMatter() {
        CompareRules byKey = new CompareRules(List.of(), List.of(), Map.of("$.items", "sku"), true);

        List<Difference> differences = compare("{\"items\":[{\"sku\":\"A\",\"stock\":1},{\"sku\":\"B\",\"stock\":2}]}",
                "{\"items\":[{\"sku\":\"B\",\"stock\":3},{\"sku\":\"A\",\"stock\":1},{\"sku\":\"C\",\"stock\":0}]}",
                byKey);

        assertThat(differences).containsExactly(
                new Difference("$.items[*].stock", "$.items[sku=B].stock", "2", "3"),
                new Difference("$.items[*]", "$.items[sku=C]", null, "{\"sku\":\"C\",\"stock\":0}"));
    }

    @Test
    void fallsBackToPositionsWhenAnElementLacksTheKey() {
        CompareRules byKey = new CompareRules(List.of(), List.of(), Map.of("$.items", "sku"), true);

        List<Difference> differences = compare("{\"items\":[{\"sku\":\"A\"},{\"name\":\"no key\"}]}",
                "{\"items\":[{\"sku\":\"A\"},{\"name\":\"other\"}]}", byKey);

        assertThat(differences).extracting(Difference::at).containsExactly("$.items[1].name");
    }

    @Test
    void ignoresConfiguredPathsWithTheirSubtrees() {
        CompareRules rules = new CompareRules(List.of(), List.of("$.meta", "$.items[*].stock"), Map.of(), true);

        List<Difference> differences = compare(
                "{\"meta\":{\"at\":1,\"id\":\"x\"},\"items\":[{\"stock\":1,\"price\":2}],\"metadata\":1}",
                "{\"meta\":{\"at\":2},\"items\":[{\"stock\":9,\"price\":3}],\"metadata\":2}", rules);

        assertThat(differences).extracting(Difference::path).containsExactly("$.items[*].price", "$.metadata");
    }

    @Test
    void comparesStatusAndChosenHeadersContentTypeByMediaTypeOnly() {
        HttpHeaders legacyHeaders = headers("application/json;charset=UTF-8");
        legacyHeaders.set("ETag", "\"1\"");
        legacyHeaders.set("Date", "Mon");
        HttpHeaders serviceHeaders = headers("application/json");
        serviceHeaders.set("ETag", "\"2\"");
        serviceHeaders.set("Date", "Tue");
        CompareRules rules = new CompareRules(List.of("Content-Type", "ETag"), List.of(), Map.of(), true);

        List<Difference> differences = comparer.compare(Answer.of(200, legacyHeaders, bytes("{}")),
                Answer.of(404, serviceHeaders, bytes("{}")), rules);

        assertThat(differences).containsExactly(new Difference("status", "status", "200", "404"),
                new Difference("header:etag", "header:etag", "\"1\"", "\"2\""));
    }

    @Test
    void comparesBodiesThatAreNotJsonByteForByte() {
        HttpHeaders html = new HttpHeaders();
        html.set(HttpHeaders.CONTENT_TYPE, "text/html");

        assertThat(comparer.compare(Answer.of(200, html, bytes("<p>a</p>")), Answer.of(200, html, bytes("<p>a</p>")),
                rules())).isEmpty();
        assertThat(comparer.compare(Answer.of(200, html, bytes("<p>a</p>")), Answer.of(200, html, bytes("<p>b</p>")),
                rules())).containsExactly(new Difference("body", "body", "<p>a</p>", "<p>b</p>"));
    }

    @Test
    void comparesNoBodyForHead() {
        CompareRules head = new CompareRules(List.of("Content-Type"), List.of(), Map.of(), false);

        assertThat(comparer.compare(Answer.of(200, headers("application/json"), Answer.NO_BODY),
                Answer.of(200, headers("application/json"), bytes("{\"a\":1}")), head)).isEmpty();
    }

    @Test
    void decodesGzipBeforeComparing() throws IOException {
        HttpHeaders gzipped = headers("application/json");
        gzipped.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        Answer compressed = Bodies.decoded(Answer.of(200, gzipped, gzip("{\"a\":1}")), 1024);

        assertThat(comparer.compare(compressed, json("{\"a\":1}"), rules())).isEmpty();
        assertThat(Bodies.decoded(Answer.of(200, gzipped, gzip("{\"a\":\"" + "x".repeat(2000) + "\"}")), 1024)
                .tooLarge()).isTrue();
    }

    @Test
    void normalizesPathsAsOperatorsWriteThem() {
        assertThat(FieldPaths.normalize("$.items[3].price")).isEqualTo("$.items[*].price");
        assertThat(FieldPaths.normalize("$['odd.name'].x")).isEqualTo("$['odd.name'].x");
        assertThat(FieldPaths.normalize("$['plain']")).isEqualTo("$.plain");
        assertThat(FieldPaths.normalize("Header:ETag")).isEqualTo("header:etag");
        assertThat(FieldPaths.normalize("status")).isEqualTo("status");
        assertThatThrownBy(() -> FieldPaths.normalize("$.a[x]")).hasMessageContaining("[x] must be a position");
        assertThat(FieldPaths.isWithin("$.metadata", "$.meta")).isFalse();
        assertThat(FieldPaths.isWithin("$.meta[*].x", "$.meta")).isTrue();
    }

    @Test
    void keepsTheLastSamplesWithConfiguredHeadersRedactedAndBodiesCut() {
        ShadowSettings settings = new ShadowSettings(List.of("Content-Type"), List.of(), Map.of(), 2, 16,
                256 * 1024, List.of("Set-Cookie"), Duration.ofSeconds(1), 1, 1, 0, Duration.ZERO);
        ShadowRoute route = new ShadowRoute("reads", settings, comparer,
                Clock.fixed(Instant.parse("2026-12-01T16:00:00Z"), ZoneOffset.UTC));
        HttpHeaders withCookie = headers("application/json");
        withCookie.set("Set-Cookie", "session=secret");

        for (int i = 1; i <= 3; i++) {
            route.judge(HttpMethod.GET, "/items/" + i,
                    Answer.of(200, withCookie, bytes("{\"n\":" + i + ",\"long\":\"" + "y".repeat(40) + "\"}")),
                    json("{\"n\":0}"), null);
        }
        route.judge(HttpMethod.GET, "/items/4", json("{\"n\":4}"), json("{\"n\":4}"), null);

        ShadowStats stats = route.stats();
        assertThat(stats.compared.sum()).isEqualTo(4);
        assertThat(stats.mismatches.sum()).isEqualTo(3);
        assertThat(stats.mismatchesByPath()).containsExactly(Map.entry("$.long", 3L), Map.entry("$.n", 3L));
        List<ShadowSample> samples = stats.samples();
        assertThat(samples).extracting(ShadowSample::path).containsExactly("/items/3", "/items/2");
        ShadowSample newest = samples.get(0);
        assertThat(newest.legacy().headers()).containsEntry("Set-Cookie", "[redacted]");
        assertThat(newest.legacy().body()).isEqualTo("{\"n\":3,\"long\":\"y…");
        assertThat(newest.legacy().bodyTruncated()).isTrue();
        assertThat(newest.service().bodyTruncated()).isFalse();
        assertThat(newest.differences()).extracting(Difference::path).containsExactly("$.n", "$.long");
    }

    @Test
    void countsBodiesOverTheCompareLimitAsTooLargeInsteadOfComparing() {
        ShadowSettings settings = new ShadowSettings(List.of(), List.of(), Map.of(), 2, 16, 8, List.of(),
                Duration.ofSeconds(1), 1, 1, 0, Duration.ZERO);
        ShadowRoute route = new ShadowRoute("reads", settings, comparer, Clock.systemUTC());

        route.judge(HttpMethod.GET, "/", Answer.tooLarge(200, headers("application/json")), json("{}"), null);

        assertThat(route.stats().tooLarge.sum()).isEqualTo(1);
        assertThat(route.stats().compared.sum()).isZero();
    }

    private List<Difference> compare(String legacy, String service, CompareRules rules) {
        return comparer.compare(json(legacy), json(service), rules);
    }

    private static CompareRules rules() {
        return new CompareRules(List.of(), List.of(), Map.of(), true);
    }

    private static Answer json(String body) {
        return Answer.of(200, headers("application/json"), bytes(body));
    }

    private static HttpHeaders headers(String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes(text));
        }
        return out.toByteArray();
    }
}
