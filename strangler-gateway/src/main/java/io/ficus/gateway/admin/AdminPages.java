package io.ficus.gateway.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StreamUtils;

/** What the admin port's HTML pages (login, dashboard) share: their open paths and their protective headers. */
public final class AdminPages {

    public static final String LOGIN = "/admin/login";

    public static final String LOGOUT = "/admin/logout";

    public static final String STYLE_SHEET = "/admin/assets/dashboard.css";

    public static final String SCRIPT = "/admin/assets/dashboard.js";

    /** Open without login (the login page itself is styled); exact paths, so nothing else hides behind a prefix. */
    static final Set<String> ASSETS = Set.of(STYLE_SHEET, SCRIPT);

    /** Where a successful login lands. */
    public static final String DASHBOARD = "/admin/dashboard";

    /**
     * Scripts and styles from this origin only (no inline code, so injected markup cannot run), no framing (a
     * button cannot be clicked through a disguising page), nothing cached, no referrer sent to other sites.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private AdminPages() {
    }

    public static void protect(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        // not no-referrer: with it browsers send "Origin: null" on the login form's POST, which the login refuses
        headers.set("Referrer-Policy", "same-origin");
        headers.setCacheControl("no-store");
    }

    /** A page template from the classpath, read once at startup. */
    public static String template(String location) {
        try {
            return StreamUtils.copyToString(new ClassPathResource(location).getInputStream(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("missing admin page template " + location, e);
        }
    }
}
