package io.ficus.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@code instance} of a problem written outside Spring MVC (a filter, a security entry point): the request's path
 * with anything unusual removed.
 */
public final class ProblemInstance {

    private ProblemInstance() {
    }

    /** Only unreserved characters and slashes survive: the path may hold the very bytes being refused. */
    public static String of(HttpServletRequest request) {
        return request.getRequestURI().replaceAll("[^A-Za-z0-9/_.\\-~]", "");
    }
}
