package io.ficus.gateway.plan;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the plan and refusing plans that would route ambiguously or nowhere. */
class MigrationPlanTests {

    private static final String HEADER = """
            legacy:
              url: http://localhost:8081
            services:
              catalog-service:
                url: http://localhost:8082
            routes:
            """;

    @Test
    void loadsTheShippedPlanWithEveryRouteAtLegacy() {
        MigrationPlan plan = MigrationPlanLoader.load(new ClassPathResource("migration-plan.yml"), null);

        assertThat(plan.legacy().url()).hasToString("http://localhost:8081");
        assertThat(plan.services()).containsOnlyKeys("catalog-service", "notifications-service");
        assertThat(plan.routes()).extracting(MigrationPlan.PlannedRoute::id)
                .containsExactly("catalog-reads", "catalog-writes", "notifications-reads");
        assertThat(plan.routes()).allSatisfy(route -> assertThat(route.stage()).isEqualTo(Stage.LEGACY));
        assertThat(plan.route("catalog-reads").methods()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD);
    }

    @Test
    void acceptsReadsAndWritesOfOnePathAsSeparateRoutesAtDifferentStages() {
        MigrationPlan plan = load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service, stage: canary, percent: 10}
                  - {id: writes, paths: [/api/catalog/**], methods: [POST], service: catalog-service, stage: legacy}
                """);

        assertThat(plan.route("reads").stage()).isEqualTo(Stage.CANARY);
        assertThat(plan.route("reads").percent()).isEqualTo(10);
        assertThat(plan.route("writes").stage()).isEqualTo(Stage.LEGACY);
    }

    @Test
    void rejectsRouteWithUnknownServiceNamingTheRoute() {
        assertThatThrownBy(() -> load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalogue-service}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'reads': unknown service 'catalogue-service'");
    }

    @Test
    void rejectsOverlappingRoutesClaimingTheSameMethodAndPath() {
        assertThatThrownBy(() -> load(HEADER + """
                  - {id: all-catalog, paths: [/api/catalog/**], methods: [GET, POST], service: catalog-service}
                  - {id: items, paths: ["/api/catalog/items/{id}"], methods: [GET], service: catalog-service}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'items': overlaps route 'all-catalog' on [GET]");
    }

    @Test
    void rejectsPercentOutsideZeroToHundred() {
        assertThatThrownBy(() -> load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service, stage: canary, percent: 150}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'reads': percent 150 is outside 0..100");
    }

    @Test
    void rejectsCanaryWithoutPercentAndUnknownMethodOrStage() {
        assertThatThrownBy(() -> load(HEADER + """
                  - {id: a, paths: [/a/**], methods: [GET], service: catalog-service, stage: canary}
                  - {id: b, paths: [/b/**], methods: [FETCH], service: catalog-service}
                  - {id: c, paths: [/c/**], methods: [GET], service: catalog-service, stage: half}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'a': a canary needs a percent")
                .hasMessageContaining("route 'b': unknown HTTP method 'FETCH'")
                .hasMessageContaining("route 'c': unknown stage 'half'");
    }

    @Test
    void acceptsShadowForARouteOfReadsWithDefaultShadowSettings() {
        MigrationPlan plan = load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET, HEAD], service: catalog-service, stage: shadow}
                """);

        assertThat(plan.route("reads").stage()).isEqualTo(Stage.SHADOW);
        assertThat(plan.route("reads").percent()).isZero();
        assertThat(plan.route("reads").shadow()).isEqualTo(ShadowSettings.DEFAULTS);
    }

    @Test
    void readsARoutesShadowSettingsWithPathsNormalized() {
        MigrationPlan plan = load(HEADER + """
                  - id: reads
                    paths: [/api/catalog/**]
                    methods: [GET]
                    service: catalog-service
                    stage: shadow
                    shadow:
                      compare-headers: [Content-Type, ETag]
                      ignore-paths: [$.meta.generatedAt, "$.items[0].stock", "header:ETag"]
                      array-keys:
                        - {path: $.items, key: sku}
                      samples: 5
                      sample-body-limit: 1KB
                      compare-body-limit: 64KB
                      redact-headers: [Set-Cookie]
                      timeout: 300ms
                      max-concurrency: 4
                      queue: 8
                      max-rate: 50
                      calibration-interval: 0s
                """);

        ShadowSettings shadow = plan.route("reads").shadow();
        assertThat(shadow.compareHeaders()).containsExactly("Content-Type", "ETag");
        assertThat(shadow.ignorePaths()).containsExactly("$.meta.generatedAt", "$.items[*].stock", "header:etag");
        assertThat(shadow.arrayKeys()).containsExactly(java.util.Map.entry("$.items", "sku"));
        assertThat(shadow.samples()).isEqualTo(5);
        assertThat(shadow.sampleBodyLimit()).isEqualTo(1024);
        assertThat(shadow.compareBodyLimit()).isEqualTo(64 * 1024);
        assertThat(shadow.redactHeaders()).containsExactly("Set-Cookie");
        assertThat(shadow.timeout()).isEqualTo(java.time.Duration.ofMillis(300));
        assertThat(shadow.maxConcurrency()).isEqualTo(4);
        assertThat(shadow.queue()).isEqualTo(8);
        assertThat(shadow.maxRate()).isEqualTo(50);
        assertThat(shadow.calibrationInterval()).isZero();
    }

    @Test
    void rejectsShadowSettingsThatCannotWorkNamingTheRoute() {
        assertThatThrownBy(() -> load(HEADER + """
                  - id: reads
                    paths: [/api/catalog/**]
                    methods: [GET]
                    service: catalog-service
                    shadow:
                      ignore-paths: [items.price]
                      array-keys:
                        - {path: $.items}
                      max-concurrency: 0
                      max-rate: -1
                      timeout: 0s
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'reads': shadow.ignore-paths: 'items.price' is not a field path")
                .hasMessageContaining("route 'reads': shadow.array-keys: '$.items' needs a key")
                .hasMessageContaining("route 'reads': shadow.max-concurrency must be within 1..10000, was 0")
                .hasMessageContaining("route 'reads': shadow.max-rate must be within 0..100000, was -1")
                .hasMessageContaining("route 'reads': shadow.timeout must be positive");
    }

    @Test
    void refusesAWriteRouteAtCanaryOrShadowNamingTheRouteAndTheReason() {
        assertThatThrownBy(() -> load(HEADER + """
                  - {id: writes, paths: [/api/catalog/**], methods: [GET, PUT], service: catalog-service, stage: canary, percent: 10}
                  - {id: deletes, paths: [/api/orders/**], methods: [DELETE], service: catalog-service, stage: shadow}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'writes': stage 'canary' is not allowed for a write route (methods include PUT)")
                .hasMessageContaining("two owners")
                .hasMessageContaining("route 'deletes': stage 'shadow' is not allowed for a write route (methods include DELETE)")
                .hasMessageContaining("execute every write twice");
    }

    @Test
    void acceptsAWriteRouteAtLegacyOrLive() {
        MigrationPlan plan = load(HEADER + """
                  - {id: writes, paths: [/api/catalog/**], methods: [POST, PATCH], service: catalog-service, stage: live}
                  - {id: deletes, paths: [/api/orders/**], methods: [DELETE], service: catalog-service}
                """);

        assertThat(plan.route("writes").stage()).isEqualTo(Stage.LIVE);
        assertThat(plan.route("deletes").stage()).isEqualTo(Stage.LEGACY);
    }

    @Test
    void groupsRoutesThatMoveTogetherAndRefusesAGroupStartingApart() {
        MigrationPlan plan = load(HEADER + """
                  - {id: cart-reads, paths: [/cart/**], methods: [GET], service: catalog-service, group: cart}
                  - {id: cart-writes, paths: [/cart/**], methods: [POST], service: catalog-service, group: cart}
                  - {id: other, paths: [/other/**], methods: [GET], service: catalog-service}
                """);
        assertThat(plan.movingWith(plan.route("cart-writes"))).extracting(MigrationPlan.PlannedRoute::id)
                .containsExactly("cart-reads", "cart-writes");
        assertThat(plan.movingWith(plan.route("other"))).extracting(MigrationPlan.PlannedRoute::id)
                .containsExactly("other");

        assertThatThrownBy(() -> load(HEADER + """
                  - {id: cart-reads, paths: [/cart/**], methods: [GET], service: catalog-service, group: cart, stage: live}
                  - {id: cart-writes, paths: [/cart/**], methods: [POST], service: catalog-service, group: cart}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'cart-writes': group 'cart' moves together");
    }

    @Test
    void refusesTheActuatorOnThePublicPortUnlessThePlanListsOtherInternalPaths() {
        assertThat(load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service}
                """).internalPaths()).containsExactly("/actuator", "/actuator/**");
        assertThat(load(HEADER.replace("routes:", "internal-paths: [/internal/**, /v3/api-docs/**]\nroutes:") + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service}
                """).internalPaths()).containsExactly("/internal/**", "/v3/api-docs/**");
    }

    @Test
    void preservesTheHostOnlyForBackendsThatAskForIt() {
        MigrationPlan plan = load("""
                legacy:
                  url: http://localhost:8081
                  preserve-host: true
                services:
                  catalog-service:
                    url: http://localhost:8082
                routes:
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service}
                """);

        assertThat(plan.legacy().preserveHost()).isTrue();
        assertThat(plan.services().get("catalog-service").preserveHost()).isFalse();
    }

    @Test
    void readsABackendWithSeveralInstancesFromOneCommaSeparatedUrl() {
        MigrationPlan plan = load("""
                legacy:
                  url: http://localhost:8081
                services:
                  catalog-service:
                    url: " http://10.0.0.5:8080/, http://10.0.0.6:8080"
                    health-path: /actuator/health/readiness
                routes:
                """);

        MigrationPlan.Backend catalog = plan.services().get("catalog-service");
        assertThat(catalog.instances()).map(Object::toString)
                .containsExactly("http://10.0.0.5:8080", "http://10.0.0.6:8080");
        assertThat(catalog.healthPath()).isEqualTo("/actuator/health/readiness");
        assertThat(plan.legacy().instances()).hasSize(1);
        assertThat(plan.legacy().healthPath()).isNull();
    }

    @Test
    void refusesAnInstanceListedTwiceOrWithAPathAndAHealthPathWithoutSlash() {
        assertThatThrownBy(() -> load("""
                legacy:
                  url: http://localhost:8081,http://localhost:8081
                services:
                  catalog-service:
                    url: http://localhost:8082,http://localhost:8092/api
                  other-service:
                    url: http://localhost:8083
                    health-path: ready
                routes:
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("legacy: url lists http://localhost:8081 twice")
                .hasMessageContaining("url 'http://localhost:8092/api' must not have a path")
                .hasMessageContaining("service 'other-service': health-path 'ready' must start with /");
    }

    @Test
    void discoversByDnsOnlyFromOneUrl() {
        MigrationPlan plan = load("""
                legacy:
                  url: http://localhost:8081
                services:
                  catalog-service:
                    url: http://catalog-service-headless:8080
                    discovery: dns
                routes:
                """);
        assertThat(plan.services().get("catalog-service").dns()).isTrue();
        assertThat(plan.legacy().dns()).isFalse();

        assertThatThrownBy(() -> load("""
                legacy:
                  url: http://localhost:8081
                  discovery: consul
                services:
                  catalog-service:
                    url: http://a:8080,http://b:8080
                    discovery: dns
                routes:
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("legacy: discovery 'consul' is neither static nor dns")
                .hasMessageContaining("service 'catalog-service': discovery dns takes one url");
    }

    @Test
    void readsACanarysCallerGroupsAndRefusesThemWhereTheyMeanNothing() {
        MigrationPlan plan = load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service, stage: canary, percent: 0, caller-groups: [staff, beta]}
                """);
        assertThat(plan.route("reads").callerGroups()).containsExactly("staff", "beta");
        assertThat(plan.route("reads").percent()).isZero();

        assertThatThrownBy(() -> load(HEADER + """
                  - {id: reads, paths: [/api/catalog/**], methods: [GET], service: catalog-service, stage: live, caller-groups: [staff]}
                  - {id: items, paths: [/api/items/**], methods: [GET], service: catalog-service, stage: canary, percent: 5, caller-groups: ["has space"]}
                  - {id: stock, paths: [/api/stock/**], methods: [GET], service: catalog-service, stage: canary, percent: 100, caller-groups: [staff]}
                  - {id: notes, paths: [/api/notes/**], methods: [GET], service: catalog-service, stage: canary, percent: 5, caller-groups: [staff, staff]}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'reads': callerGroups only apply to the canary stage")
                .hasMessageContaining("route 'items': caller group 'has space' is not a group name")
                .hasMessageContaining("route 'stock': callerGroups [staff] add nothing to canary 100 %")
                .hasMessageContaining("route 'notes': caller group 'staff' is named twice");
    }

    @Test
    void refusesRoutesOfOneGroupStartingWithDifferentCallerGroups() {
        assertThatThrownBy(() -> load(HEADER + """
                  - {id: cart-reads, paths: [/cart/**], methods: [GET], service: catalog-service, group: cart, stage: canary, percent: 5, caller-groups: [staff]}
                  - {id: cart-views, paths: [/views/**], methods: [GET], service: catalog-service, group: cart, stage: canary, percent: 5}
                """))
                .isInstanceOf(InvalidMigrationPlanException.class)
                .hasMessageContaining("route 'cart-reads' starts at canary 5 % + staff and this one at canary 5 %");
    }

    @Test
    void detectsOverlapOfIdenticalNestedAndWildcardPatterns() {
        assertThat(overlap("/api/catalog/**", "/api/catalog/**")).isTrue();
        assertThat(overlap("/api/catalog/**", "/api/catalog")).isTrue();
        assertThat(overlap("/api/*/items", "/api/catalog/items")).isTrue();
        assertThat(overlap("/api/catalog/**", "/api/orders/**")).isFalse();
    }

    private static boolean overlap(String a, String b) {
        return MigrationPlanLoader.overlap(org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(a),
                org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(b));
    }

    private static MigrationPlan load(String yaml) {
        return MigrationPlanLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test plan") {
            @Override
            public String getFilename() {
                return "plan.yml";
            }
        }, null);
    }
}
