package io.ficus.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps browsers on the gateway: a {@code Location} that points at a backend's own address is rewritten to the
 * public origin, and a cookie {@code Domain} naming a backend's host to the public host. Backends that honour
 * {@code X-Forwarded-*} (or get the public Host) never need it; the rest still work.
 */
class BackendAddressRewriter implements HttpHeadersFilter {

    private final String[] origins;
    private final String[] hosts;

    BackendAddressRewriter(BackendTargets backends) {
        List<String> originList = new ArrayList<>();
        List<String> hostList = new ArrayList<>();
        for (BackendTarget backend : backends.all()) {
            for (BackendInstance instance : backend.instances()) {
                URI url = URI.create(instance.baseUrl());
                originList.add(instance.baseUrl().toLowerCase(Locale.ROOT));
                if (url.getPort() < 0) {
                    // http://host and http://host:80 are the same origin
                    originList.add((url.getScheme() + "://" + url.getHost() + ":"
                            + ("https".equals(url.getScheme()) ? 443 : 80)).toLowerCase(Locale.ROOT));
                }
                hostList.add(url.getHost().toLowerCase(Locale.ROOT));
            }
        }
        this.origins = originList.toArray(String[]::new);
        this.hosts = hostList.stream().distinct().toArray(String[]::new);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String location = input.getFirst(HttpHeaders.LOCATION);
        List<String> cookies = input.get(HttpHeaders.SET_COOKIE);
        String rewrittenLocation = location == null ? null : location(location, exchange);
        List<String> rewrittenCookies = cookies == null ? null : cookies(cookies, exchange);
        if (rewrittenLocation == null && rewrittenCookies == null) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        if (rewrittenLocation != null) {
            headers.set(HttpHeaders.LOCATION, rewrittenLocation);
        }
        if (rewrittenCookies != null) {
            headers.put(HttpHeaders.SET_COOKIE, rewrittenCookies);
        }
        return headers;
    }

    /** The rewritten Location, or null when it does not point at a backend. */
    private String location(String location, ServerWebExchange exchange) {
        String lower = location.toLowerCase(Locale.ROOT);
        for (String origin : origins) {
            if (lower.startsWith(origin) && (lower.length() == origin.length() || "/?#".indexOf(lower.charAt(origin.length())) >= 0)) {
                return publicOrigin(exchange) + location.substring(origin.length());
            }
        }
        return null;
    }

    /** The cookies with a backend's Domain replaced by the public host, or null when none names one. */
    private List<String> cookies(List<String> cookies, ServerWebExchange exchange) {
        List<String> rewritten = null;
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = cookies.get(i);
            String changed = domain(cookie, exchange);
            if (changed != null) {
                if (rewritten == null) {
                    rewritten = new ArrayList<>(cookies);
                }
                rewritten.set(i, changed);
            }
        }
        return rewritten;
    }

    private String domain(String cookie, ServerWebExchange exchange) {
        String lower = cookie.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("domain=");
        while (at >= 0) {
            int start = at + "domain=".length();
            int end = lower.indexOf(';', start);
            end = end < 0 ? lower.length() : end;
            String domain = lower.substring(start, end).trim();
            domain = domain.startsWith(".") ? domain.substring(1) : domain;
            for (String host : hosts) {
                if (host.equals(domain)) {
                    return cookie.substring(0, start) + exchange.getRequest().getURI().getHost() + cookie.substring(end);
                }
            }
            at = lower.indexOf("domain=", end);
        }
        return null;
    }

    private static String publicOrigin(ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
