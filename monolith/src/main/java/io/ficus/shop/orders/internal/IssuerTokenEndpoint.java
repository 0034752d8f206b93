package io.ficus.shop.orders.internal;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoint of the estate's issuer as its OIDC metadata names it ({@code <issuer>/.well-known/
 * openid-configuration}, whose {@code issuer} must be the one configured), read once when first needed: the shop's
 * own provider and Keycloak name different paths. A configured endpoint skips the lookup.
 */
class IssuerTokenEndpoint implements Supplier<URI> {

    private final RestClient http;
    private final JsonMapper json;
    private final String issuer;
    private volatile URI endpoint;

    IssuerTokenEndpoint(RestClient http, JsonMapper json, String issuer, URI configured) {
        this.http = http;
        this.json = json;
        this.issuer = issuer;
        this.endpoint = configured;
    }

    @Override
    public URI get() {
        URI known = endpoint;
        if (known == null) {
            known = discover();
            endpoint = known;
        }
        return known;
    }

    private URI discover() {
        String location = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        byte[] body;
        try {
            body = http.get().uri(URI.create(location)).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
                if (response.getStatusCode().value() != 200) {
                    throw new ServiceToken.TokenUnavailable(location + " answered " + response.getStatusCode().value(),
                            response.getStatusCode().is5xxServerError());
                }
                return response.getBody().readAllBytes();
            });
        }
        catch (ResourceAccessException e) {
            throw new ServiceToken.TokenUnavailable(location + " is unreachable: " + e.getMessage(), true);
        }
        try {
            JsonNode metadata = json.readTree(body);
            if (metadata == null || !issuer.equals(metadata.path("issuer").asString(null))) {
                throw new ServiceToken.TokenUnavailable(location + " names another issuer than " + issuer, false);
            }
            String token = metadata.path("token_endpoint").asString(null);
            if (token == null || token.isBlank()) {
                throw new ServiceToken.TokenUnavailable(location + " names no token_endpoint", false);
            }
            return URI.create(token);
        }
        catch (JacksonException | IllegalArgumentException e) {
            throw new ServiceToken.TokenUnavailable(location + " is no usable metadata: " + e.getMessage(), false);
        }
    }
}
