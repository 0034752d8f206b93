package io.ficus.gateway.plan;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/** Turns a path pattern into one concrete path it matches, to test two patterns for overlap. */
final class PathPatternSamples {

    private PathPatternSamples() {
    }

    static PathContainer sample(PathPattern pattern) {
        String text = pattern.getPatternString()
                .replaceAll("\\{\\*[^}]*}", "x")
                .replaceAll("\\{[^}]*}", "x")
                .replace("**", "x")
                .replace("*", "x")
                .replace("?", "x");
        return PathContainer.parsePath(text);
    }
}
