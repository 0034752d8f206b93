package io.ficus.platform.security.testapp;

import java.util.Map;

import io.ficus.platform.security.EndpointRule;
import io.ficus.platform.security.EndpointRules;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tiny app with one endpoint per kind of rule, and one endpoint nobody declared a rule for. */
@SpringBootApplication
public class SampleApplication {

    @Bean
    EndpointRules rules() {
        return EndpointRules.of(
                EndpointRule.open(HttpMethod.GET, "/api/things"),
                EndpointRule.open(HttpMethod.GET, "/api/things/{id}"),
                EndpointRule.role(null, "/api/things/{id}", "staff"),
                EndpointRule.authenticated(HttpMethod.GET, "/api/me"),
                EndpointRule.scope(HttpMethod.GET, "/api/reports", "reports.read").orAuthority("ROLE_staff"));
    }

    @RestController
    static class SampleController {

        @GetMapping("/api/things")
        Map<String, Object> things() {
            return Map.of("items", java.util.List.of("a", "b"));
        }

        @GetMapping("/api/things/{id}")
        Map<String, Object> thing(@PathVariable String id) {
            return Map.of("id", id);
        }

        @PutMapping("/api/things/{id}")
        Map<String, Object> putThing(@PathVariable String id, @RequestBody Map<String, Object> body) {
            return Map.of("id", id, "body", body);
        }

        @GetMapping("/api/me")
        Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
            return Map.of("subject", jwt.getSubject());
        }

        @GetMapping("/api/reports")
        Map<String, Object> reports() {
            return Map.of("reports", 3);
        }

        /** Declared by no rule: denied to everyone, and named by EndpointRuleCoverage. */
        @GetMapping("/api/forgotten")
        Map<String, Object> forgotten() {
            return Map.of("leak", true);
        }
    }
}
