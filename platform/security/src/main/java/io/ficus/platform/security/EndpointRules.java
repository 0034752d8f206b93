package io.ficus.platform.security;

import java.util.List;
import java.util.Optional;

import org.springframework.http.server.PathContainer;

/**
 * The app's access rules, in order: the first rule matching a request decides; a request no rule matches is denied
 * (401 without a token, 403 with one). Declare one bean of this type; {@link EndpointRuleCoverage} checks in a test
 * that every endpoint of the app has a rule.
 */
public record EndpointRules(List<EndpointRule> rules) {

    public EndpointRules {
        rules = List.copyOf(rules);
    }

    public static EndpointRules of(EndpointRule... rules) {
        return new EndpointRules(List.of(rules));
    }

    /** The rule that decides for this method and path, if any. */
    public Optional<EndpointRule> ruleFor(String method, String path) {
        PathContainer parsed = PathContainer.parsePath(path);
        return rules.stream().filter(rule -> rule.matches(method, parsed)).findFirst();
    }
}
