package io.ficus.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of an app has a rule: a test calls {@link #assertEveryEndpointHasARule(ApplicationContext)}, which
 * walks every handler method of every {@link RequestMappingHandlerMapping} (each of its methods, each of its path
 * patterns, with a sample value in each variable) through the app's {@link EndpointRules} and fails naming each
 * endpoint that only the final deny-all would answer. So a new endpoint without a rule fails the build instead of
 * quietly answering 401 to everyone. The error controller ({@code /error}) is the container's, not an endpoint.
 */
public final class EndpointRuleCoverage {

    /** What a handler mapped without a method answers: every method must then have a rule. */
    private static final List<String> ALL_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    private EndpointRuleCoverage() {
    }

    /** Fails with an {@link AssertionError} listing every endpoint without a rule. */
    public static void assertEveryEndpointHasARule(ApplicationContext context) {
        EndpointRules rules = context.getBeanProvider(EndpointRules.class).getIfAvailable(() -> EndpointRules.of());
        List<String> missing = endpointsWithoutRule(context, rules);
        if (!missing.isEmpty()) {
            throw new AssertionError("Endpoints without an access rule (declare one in the app's EndpointRules):\n  "
                    + String.join("\n  ", missing));
        }
    }

    /** Each endpoint ({@code METHOD /pattern (Controller#method)}) for which no rule of {@code rules} decides. */
    public static List<String> endpointsWithoutRule(ApplicationContext context, EndpointRules rules) {
        Set<String> missing = new TreeSet<>();
        int endpoints = 0;
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                HandlerMethod handler = entry.getValue();
                if (ErrorController.class.isAssignableFrom(handler.getBeanType())) {
                    continue;
                }
                RequestMappingInfo info = entry.getKey();
                List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? ALL_METHODS
                        : info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : methods) {
                        endpoints++;
                        if (rules.ruleFor(method, samplePath(pattern)).isEmpty()) {
                            missing.add(method + " " + pattern + " (" + handler.getBeanType().getSimpleName() + "#"
                                    + handler.getMethod().getName() + ")");
                        }
                    }
                }
            }
        }
        if (endpoints == 0) {
            // a check that found nothing to check would pass for the wrong reason
            missing.add("no endpoint found at all: is this a Spring MVC application context?");
        }
        return new ArrayList<>(missing);
    }

    /** A path the pattern matches: each variable, wildcard or catch-all replaced by a sample segment. */
    static String samplePath(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "x").replaceAll("\\{[^}]*}", "x").replace("**", "x")
                .replace("*", "x");
    }
}
