package io.ficus.gateway.login;

import java.time.Duration;

import io.ficus.gateway.GatewaySettings;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

/**
 * The gateway's one client registration, read from the issuer's discovery document when the first browser logs in,
 * never at startup (the gateway starts while its issuer is down, as for bearer tokens); a failed read is tried again
 * by the next login.
 */
final class IssuerRegistration implements ReactiveClientRegistrationRepository {

    static final String REGISTRATION_ID = "ficus";

    private final String issuer;
    private final GatewaySettings.Login settings;
    private volatile ClientRegistration registration;

    IssuerRegistration(String issuer, GatewaySettings.Login settings) {
        this.issuer = issuer.trim();
        this.settings = settings;
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return Mono.empty();
        }
        return registration();
    }

    Mono<ClientRegistration> registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return Mono.just(known);
        }
        Duration timeout = settings.providerTimeout();
        return Mono.fromCallable(this::discover).subscribeOn(Schedulers.boundedElastic()).timeout(timeout)
                .doOnNext(discovered -> registration = discovered);
    }

    private ClientRegistration discover() {
        boolean confidential = StringUtils.hasText(settings.clientSecret());
        ClientRegistration.Builder builder = ClientRegistrations.fromOidcIssuerLocation(issuer)
                .registrationId(REGISTRATION_ID)
                .clientId(settings.clientId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(settings.effectiveRedirectUri())
                .scope(settings.scopes())
                .userNameAttributeName("sub");
        if (confidential) {
            builder.clientSecret(settings.clientSecret()).clientAuthenticationMethod(
                    ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return builder.build();
    }
}
