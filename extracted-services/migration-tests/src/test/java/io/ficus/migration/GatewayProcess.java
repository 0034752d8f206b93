package io.ficus.migration;

import java.time.Duration;

import io.ficus.platform.testing.AppProcess;
import io.ficus.platform.testing.FreePorts;

/**
 * The strangler gateway from its jar, its management port (admin API, dashboard, health) on the loopback only, and
 * healthy when that port says so. Tests add their backends and settings to {@link #builder} before starting it.
 */
final class GatewayProcess {

    final AppProcess.Builder builder;
    final int managementPort;

    private GatewayProcess(AppProcess.Builder builder, int managementPort) {
        this.builder = builder;
        this.managementPort = managementPort;
    }

    static GatewayProcess of(String name, Duration startup) {
        GatewayProcess gateway = of(name);
        gateway.builder.startupTimeout(startup);
        return gateway;
    }

    static GatewayProcess of(String name) {
        int managementPort = FreePorts.next();
        AppProcess.Builder builder = AppProcess.of(AppJars.of("strangler-gateway"), name).quickStart()
                .property("management.server.port", managementPort)
                .property("management.server.address", "127.0.0.1")
                .healthPort(managementPort);
        return new GatewayProcess(builder, managementPort);
    }

    /** The admin API, as the admin user with their password (HTTP basic). */
    GatewayAdmin admin(String password) {
        return new GatewayAdmin("http://127.0.0.1:" + managementPort, "admin", password);
    }
}
