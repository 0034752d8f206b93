package io.ficus.gateway.login;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The CSRF check for requests a browser session authenticates: an unsafe method (anything but GET, HEAD, OPTIONS,
 * TRACE) passes only when the browser says it comes from the gateway's own origin, by Fetch Metadata
 * ({@code Sec-Fetch-Site: same-origin}) or, from browsers without it, an {@code Origin} equal to the request's own.
 * Browsers send {@code Origin} on every cross-origin request and on same-origin POSTs, so a forged form or script on
 * another site is refused; the session cookie's {@code SameSite=Lax} is the second line. Requests with their own
 * {@code Authorization} header are not session-authenticated and are not checked.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
    }

    static boolean allows(ServerHttpRequest request) {
        if (isSafe(request.getMethod())) {
            return true;
        }
        HttpHeaders headers = request.getHeaders();
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin");
        }
        String origin = headers.getFirst(HttpHeaders.ORIGIN);
        return origin != null && origin.equalsIgnoreCase(originOf(request.getURI()));
    }

    private static String originOf(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(uri.getScheme()) && port == 80)
                || ("https".equals(uri.getScheme()) && port == 443);
        return uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
