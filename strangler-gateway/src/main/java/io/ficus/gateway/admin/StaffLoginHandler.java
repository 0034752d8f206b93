package io.ficus.gateway.admin;

import java.nio.charset.StandardCharsets;

import io.ficus.gateway.identity.TokenVerifier;
import io.ficus.gateway.login.IssuerLogin;
import io.ficus.gateway.login.LoggedIn;
import io.ficus.gateway.login.LoginFlow;
import io.ficus.gateway.login.LoginRefused;
import io.ficus.gateway.login.LoginStateCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard's login with a staff identity, on the management port: {@code GET <base-path>/login} sends the
 * browser to the issuer (the same client and protocol as the public port's browser login, {@link IssuerLogin}), and
 * {@code GET <base-path>/login/callback} takes the answer, checks the access token as the admin API checks a bearer
 * token (the same {@link StaffRule}), and starts a dashboard session exactly like the password form's, for the staff
 * member's subject: the audit then names them. Anyone else gets a 403 and no session.
 */
class StaffLoginHandler {

    private static final Logger log = LoggerFactory.getLogger(StaffLoginHandler.class);

    /** Binds a started login to this browser; SameSite=Lax, as the issuer's answer may come from another site. */
    private static final String LOGIN_COOKIE = AdminSessionCookie.NAME + "-login";

    @Nullable
    private final LoginFlow flow;
    private final TokenVerifier tokens;
    private final StaffRule staff;
    private final AdminSessions sessions;
    private final AdminLoginHandler form;
    private final String landing = AdminPages.template("admin/logged-in.html");

    /** {@code form}: a refused browser sees the login form again, with the reason, as after a wrong password. */
    StaffLoginHandler(IssuerLogin issuer, TokenVerifier tokens, StaffRule staff, AdminSessions sessions,
            AdminLoginHandler form) {
        // the management port's own callback, whatever redirect-uri the public port's login is given
        this.flow = issuer.configured() ? issuer.flow("{baseUrl}" + issuer.callbackPath(),
                new LoginStateCookie(LOGIN_COOKIE, issuer.loginPath())) : null;
        this.tokens = tokens;
        this.staff = staff;
        this.sessions = sessions;
        this.form = form;
    }

    Mono<ServerResponse> start(ServerRequest request) {
        if (flow == null) {
            return notConfigured();
        }
        return flow.start(request.exchange(), AdminPages.DASHBOARD)
                .flatMap(authorization -> ServerResponse.status(HttpStatus.FOUND).location(authorization)
                        .headers(AdminPages::protect).build())
                .onErrorResume(LoginRefused.class, refused -> refuse(request, refused));
    }

    Mono<ServerResponse> callback(ServerRequest request) {
        if (flow == null) {
            return notConfigured();
        }
        return flow.finish(request.exchange())
                .flatMap(loggedIn -> staffOnly(request, loggedIn))
                .onErrorResume(LoginRefused.class, refused -> refuse(request, refused));
    }

    /** The access token is checked as a bearer token would be at the admin API: the same issuer, audience and rule. */
    private Mono<ServerResponse> staffOnly(ServerRequest request, LoggedIn loggedIn) {
        return tokens.check(loggedIn.accessToken(), request.exchange().getRequest()).flatMap(check -> {
            if (!check.verified()) {
                log.warn("Dashboard login of {} refused: its access token did not pass the check ({})",
                        loggedIn.subject(), check.failure());
                return refuse(request, HttpStatus.UNAUTHORIZED, "The issuer's access token was refused: "
                        + check.failure(), 0);
            }
            String subject = check.identity().subject();
            if (!staff.admits(check.identity())) {
                log.info("Dashboard login of {} refused: not staff", subject);
                return refuse(request, HttpStatus.FORBIDDEN, subject + " logged in at the issuer, but the dashboard "
                        + "needs " + staff.requirement() + ": no dashboard session was started", 0);
            }
            String id = sessions.start(subject, loggedIn.idToken());
            log.info("Dashboard login of {} through the issuer", subject);
            return continueToDashboard(request, id);
        });
    }

    /**
     * A page that moves on to the dashboard, not a redirect: the session cookie is SameSite=Strict, and browsers keep
     * it off every request of a redirect chain that began on another site (the issuer's); the page's own navigation
     * is same-site, so the dashboard receives the cookie.
     */
    private Mono<ServerResponse> continueToDashboard(ServerRequest request, String sessionId) {
        return ServerResponse.ok()
                .cookie(AdminSessionCookie.issue(request.exchange().getRequest(), sessionId, sessions.lifetime()))
                .headers(AdminPages::protect)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .bodyValue(landing.replace("{{dashboard}}", HtmlUtils.htmlEscape(AdminPages.DASHBOARD)));
    }

    private Mono<ServerResponse> refuse(ServerRequest request, LoginRefused refused) {
        return refuse(request, refused.status(), refused.getMessage(), refused.retryAfter());
    }

    /** No session: a browser sees the login form with the reason, any other client a problem+json. */
    private Mono<ServerResponse> refuse(ServerRequest request, HttpStatus status, String detail, long retryAfter) {
        return form.refuse(AdminLoginHandler.acceptsHtml(request), status, detail, retryAfter == 0 ? null
                : headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
    }

    private static Mono<ServerResponse> problem(HttpStatus status, String detail) {
        return ServerResponse.status(status).headers(AdminPages::protect).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static Mono<ServerResponse> notConfigured() {
        return problem(HttpStatus.NOT_FOUND,
                "No login through an identity provider is configured (ficus.gateway.security.issuer-uri and "
                        + "login.client-secret): log in with the admin password");
    }
}
