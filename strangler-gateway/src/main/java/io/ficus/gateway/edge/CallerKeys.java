package io.ficus.gateway.routing;

import java.net.InetSocketAddress;

import io.ficus.gateway.GatewaySettings;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Finds who is calling, for sticky canaries and rate limits: the configured header, else the configured cookie,
 * else the client address (the real client's when the peer is a trusted proxy, see trusted-proxies).
 */
public class CallerKeys {

    private final String header;
    private final String cookie;

    public CallerKeys(GatewaySettings settings) {
        this.header = StringUtils.hasText(settings.canary().callerHeader()) ? settings.canary().callerHeader() : null;
        this.cookie = StringUtils.hasText(settings.canary().callerCookie()) ? settings.canary().callerCookie() : null;
    }

    public String key(ServerHttpRequest request) {
        if (header != null) {
            String value = request.getHeaders().getFirst(header);
            if (StringUtils.hasText(value)) {
                return value;
            }
        }
        if (cookie != null) {
            HttpCookie value = request.getCookies().getFirst(cookie);
            if (value != null && StringUtils.hasText(value.getValue())) {
                return value.getValue();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? "" : remote.getHostString();
    }
}
