package io.ficus.gateway.login;

import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A completed login: the issuer's answer, its ID token already checked by Spring's OIDC code manager (signature,
 * issuer, audience, nonce, expiry), and where the browser wanted to go afterwards.
 */
public record LoggedIn(OAuth2LoginAuthenticationToken authentication, String returnTo) {

    public OidcUser user() {
        return (OidcUser) authentication.getPrincipal();
    }

    /** Who logged in: the ID token's {@code sub}. */
    public String subject() {
        return user().getName();
    }

    public String idToken() {
        return user().getIdToken().getTokenValue();
    }

    public String accessToken() {
        return authentication.getAccessToken().getTokenValue();
    }
}
