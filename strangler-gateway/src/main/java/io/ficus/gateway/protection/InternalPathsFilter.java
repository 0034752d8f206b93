package io.ficus.gateway.protection;

import java.util.List;

import io.ficus.gateway.edge.ManagementPort;
import io.ficus.gateway.edge.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Answers 404 problem+json on the public port for the plan's internal paths (by default a backend's
 * {@code /actuator/**}): health details, metrics and links naming internal addresses stay inside.
 */
class InternalPathsFilter implements WebFilter, Ordered {

    private final PathPattern[] patterns;
    private final ManagementPort managementPort;
    private final ProblemWriter problems;

    InternalPathsFilter(List<String> paths, ManagementPort managementPort, ProblemWriter problems) {
        this.patterns = paths.stream().map(PathPatternParser.defaultInstance::parse).toArray(PathPattern[]::new);
        this.managementPort = managementPort;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (patterns.length > 0 && !managementPort.isManagement(exchange.getRequest())) {
            PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
            for (PathPattern pattern : patterns) {
                if (pattern.matches(path)) {
                    return problems.write(exchange, HttpStatus.NOT_FOUND, "No such resource");
                }
            }
        }
        return chain.filter(exchange);
    }
}
