package io.ficus.migration;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.FreePorts;

/**
 * The shop as the estate's OpenID Connect issuer behind the strangler gateway with browser login on, both from their
 * jars: the issuer's public URL is the gateway's (as browsers see it), the gateway is the shop's client
 * {@code ficus-gateway} with a fresh secret, and the shop accepts the gateway's two callbacks, on its public port
 * (browser login) and on its management port (the dashboard's staff login), and its two returns after logout. The
 * demo users get {@code demoPassword}. Tests add what else they need to either builder, then start both at once (each
 * start takes minutes on a busy 2-core machine).
 */
final class ShopBehindGateway {

    final GatewayProcess gateway;
    final AppProcess.Builder shop;
    /** The gateway's public URL, which is also the issuer's. */
    final String publicUrl;
    /** The gateway's management port's URL, under the same host name as {@link #publicUrl}. */
    final String managementUrl;

    private CompletableFuture<AppProcess> startingGateway;

    private ShopBehindGateway(GatewayProcess gateway, AppProcess.Builder shop, String publicUrl, String managementUrl) {
        this.gateway = gateway;
        this.shop = shop;
        this.publicUrl = publicUrl;
        this.managementUrl = managementUrl;
    }

    /** {@code host}: how the browser names the machine ({@code localhost} or {@code 127.0.0.1}). */
    static ShopBehindGateway of(String suffix, String host, String demoPassword, Duration startup) {
        GatewayProcess gateway = GatewayProcess.of("strangler-gateway" + suffix, startup);
        String publicUrl = "http://" + host + ":" + gateway.builder.port();
        String managementUrl = "http://" + host + ":" + gateway.managementPort;
        String secret = "gateway-" + UUID.randomUUID();
        AppProcess.Builder shop = AppProcess.of(AppJars.of("monolith"), "monolith" + suffix).quickStart()
                .startupTimeout(startup)
                .property("ficus.identity.issuer", publicUrl)
                .property("ficus.identity.clients.gateway-redirect-uris",
                        publicUrl + "/_gateway/login/callback," + managementUrl + "/_gateway/login/callback")
                .property("ficus.identity.clients.gateway-post-logout-uris",
                        publicUrl + "/," + managementUrl + "/admin/login")
                .env("FICUS_IDENTITY_DEMO_PASSWORD", demoPassword)
                .env("FICUS_IDENTITY_CLIENTS_GATEWAYSECRET", secret);
        gateway.builder.env("FICUS_LEGACY_URL", "http://127.0.0.1:" + shop.port())
                .property("ficus.gateway.security.issuer-uri", publicUrl)
                .property("ficus.gateway.security.login.enabled", true)
                .property("ficus.gateway.security.login.client-secret", secret);
        return new ShopBehindGateway(gateway, shop, publicUrl, managementUrl);
    }

    /** Starts the gateway in the background (it needs no backend to start) and the shop; answers the shop. */
    /**
     * The gateway with no service behind it (their URLs name free ports: no route here is moved to a service, and a
     * failed call would fall back anyway) and the given admin password.
     */
    ShopBehindGateway withoutServices(String adminPassword) {
        gateway.builder.env("FICUS_CATALOG_SERVICE_URL", "http://127.0.0.1:" + FreePorts.next())
                .env("FICUS_NOTIFICATIONS_SERVICE_URL", "http://127.0.0.1:" + FreePorts.next())
                .env("FICUS_GATEWAY_ADMIN_PASSWORD", adminPassword);
        return this;
    }

    AppProcess startShop() {
        startingGateway = CompletableFuture.supplyAsync(gateway.builder::start);
        try {
            return shop.start();
        }
        catch (RuntimeException e) {
            // no gateway left running when the test's setup fails here
            startingGateway.thenAccept(AppProcess::close);
            throw e;
        }
    }

    /** The gateway {@link #startShop} started, once it is healthy. */
    AppProcess startedGateway() {
        return startingGateway.join();
    }
}
