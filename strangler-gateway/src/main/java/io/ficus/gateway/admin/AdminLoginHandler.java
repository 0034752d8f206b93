package io.ficus.gateway.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.ficus.gateway.login.IssuerLogin;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard's form login and logout: the same credentials and the same per-address throttle as HTTP basic, ending
 * in a server-side session held by a cookie. A browser thus logs in without the basic-auth dialog and can log out.
 */
class AdminLoginHandler {

    /** Tells a client that this 401 wants the login form, not HTTP basic (browsers show no dialog for it). */
    static final String FORM_CHALLENGE = "FormLogin realm=\"ficus-gateway-admin\", action=\"" + AdminPages.LOGIN + "\"";

    private static final String ERROR_SLOT = "{{error}}";

    private final AdminCredentials credentials;
    private final LoginThrottle throttle;
    private final AdminSessions sessions;
    private final IssuerLogin issuer;
    private final String page;

    AdminLoginHandler(AdminCredentials credentials, LoginThrottle throttle, AdminSessions sessions,
            IssuerLogin issuer) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.sessions = sessions;
        this.issuer = issuer;
        this.page = AdminPages.template("admin/login.html").replace("{{issuerLogin}}", issuerLogin(issuer));
    }

    /** The staff login's link beside the password form, when an issuer is configured; nothing otherwise. */
    private static String issuerLogin(IssuerLogin issuer) {
        if (!issuer.configured()) {
            return "";
        }
        return "<p class=\"issuer-login\"><a id=\"issuer-login\" class=\"button\" href=\""
                + HtmlUtils.htmlEscape(issuer.loginPath()) + "\">Log in with " + HtmlUtils.htmlEscape(issuer.issuer())
                + "</a></p>\n    <p class=\"or\">or with the admin password:</p>";
    }

    Mono<ServerResponse> form(ServerRequest request) {
        return page(HttpStatus.OK, null, null);
    }

    /**
     * The form is read before anything is decided, refusals included: an answer written before the request body was
     * read can leave the next request on that connection unanswered (Reactor Netty 1.3).
     */
    Mono<ServerResponse> login(ServerRequest request) {
        ServerHttpRequest http = request.exchange().getRequest();
        boolean browser = acceptsHtml(request);
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return request.bodyToMono(Void.class).then(Mono.defer(() -> refuse(browser,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send username and password as "
                            + MediaType.APPLICATION_FORM_URLENCODED_VALUE, null)));
        }
        return request.formData().flatMap(form -> {
            if (!sameOrigin(http)) {
                // another site's form posting here: it must not be able to use this browser to guess passwords
                return refuse(browser, HttpStatus.FORBIDDEN, "a login must come from this gateway's own login page",
                        null);
            }
            String client = AdminAuthenticationFilter.client(http);
            Duration wait = throttle.retryAfter(client);
            if (!wait.isZero()) {
                return tooManyAttempts(browser, wait);
            }
            String user = form.getFirst("username");
            String password = form.getFirst("password");
            if (user == null || password == null) {
                return refuse(browser, HttpStatus.BAD_REQUEST, "username and password are required", null);
            }
            return credentials.matches(user, password) ? loggedIn(http, client, user) : failed(browser, client);
        });
    }

    /**
     * Reached through the authentication filter, so only by the session's own page (it checked the CSRF token). A
     * staff login also ends at the issuer (OIDC RP-initiated logout, as the public port's logout): the answer names
     * where the page sends the browser, the issuer's end-session endpoint, which sends it back to the login form.
     */
    Mono<ServerResponse> logout(ServerRequest request) {
        ServerHttpRequest http = request.exchange().getRequest();
        String idToken = AdminSession.of(request.exchange()).map(AdminSession::idToken).orElse(null);
        sessions.end(AdminSessionCookie.read(http));
        // any body is read (and dropped) first, for the same reason as in login
        return request.bodyToMono(Void.class).then(Mono.defer(() -> {
            if (idToken == null) {
                return ServerResponse.noContent().cookie(AdminSessionCookie.expire(http)).build();
            }
            String afterLogout = IssuerLogin.onThisServer(request.exchange(), AdminPages.LOGIN);
            return issuer.endSession(idToken, afterLogout).flatMap(endSession -> ServerResponse.ok()
                    .cookie(AdminSessionCookie.expire(http)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("endSession", endSession.toString())));
        }));
    }

    private Mono<ServerResponse> loggedIn(ServerHttpRequest http, String client, String user) {
        throttle.succeeded(client);
        String id = sessions.start(user);
        return ServerResponse.seeOther(URI.create(AdminPages.DASHBOARD))
                .cookie(AdminSessionCookie.issue(http, id, sessions.lifetime()))
                .headers(AdminPages::protect)
                .build();
    }

    private Mono<ServerResponse> failed(boolean browser, String client) {
        Duration locked = throttle.failed(client);
        if (!locked.isZero()) {
            return tooManyAttempts(browser, locked);
        }
        return refuse(browser, HttpStatus.UNAUTHORIZED, "wrong user name or password",
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, FORM_CHALLENGE));
    }

    private Mono<ServerResponse> tooManyAttempts(boolean browser, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return refuse(browser, HttpStatus.TOO_MANY_REQUESTS,
                "too many failed logins from this address; retry in " + seconds + " s",
                headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    /** A browser gets the login form again with the reason on it; any other client a problem+json. */
    Mono<ServerResponse> refuse(boolean browser, HttpStatus status, String detail,
            Consumer<HttpHeaders> extra) {
        if (browser) {
            return page(status, detail, extra);
        }
        return ServerResponse.status(status)
                .headers(headers -> {
                    if (extra != null) {
                        extra.accept(headers);
                    }
                })
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private Mono<ServerResponse> page(HttpStatus status, String error,
            Consumer<HttpHeaders> extra) {
        String message = error == null ? ""
                : "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(error) + "</p>";
        return ServerResponse.status(status)
                .headers(headers -> {
                    AdminPages.protect(headers);
                    if (extra != null) {
                        extra.accept(headers);
                    }
                })
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .bodyValue(page.replace(ERROR_SLOT, message));
    }

    static boolean acceptsHtml(ServerRequest request) {
        List<MediaType> accepted = request.headers().accept();
        return accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    /**
     * True when the request names no origin (non-browser clients) or this gateway's own. Browsers send {@code Origin}
     * on every form POST, so a login form on another site is refused.
     */
    static boolean sameOrigin(ServerHttpRequest request) {
        String origin = request.getHeaders().getOrigin();
        if (origin == null) {
            return true;
        }
        URI own = request.getURI();
        try {
            URI given = new URI(origin);
            return given.getScheme() != null && given.getHost() != null
                    && given.getScheme().toLowerCase(Locale.ROOT).equals(own.getScheme())
                    && given.getHost().equalsIgnoreCase(own.getHost()) && port(given) == port(own);
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
