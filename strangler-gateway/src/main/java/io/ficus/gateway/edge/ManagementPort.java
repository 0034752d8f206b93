package io.ficus.gateway.edge;

import java.net.InetSocketAddress;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Remembers the port the management server actually bound (also when configured as 0), so admin requests can be
 * told apart by port and the management port never proxies anything.
 */
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    static final String NAMESPACE = "management";

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** True only on a separate management server: the admin API never shares the proxied port. */
    public boolean isManagement(int localPort) {
        return port > 0 && localPort == port;
    }

    public boolean isManagement(ServerHttpRequest request) {
        InetSocketAddress local = request.getLocalAddress();
        return local != null && isManagement(local.getPort());
    }
}
