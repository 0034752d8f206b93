package io.ficus.gateway.edge;

import java.net.InetSocketAddress;

import io.ficus.gateway.GatewaySettings;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/**
 * Finds who is calling, for sticky canaries and rate limits: the configured header, else the configured cookie,
 * else the gateway's own caller cookie, else the client address (the real client's when the peer is a trusted
 * proxy, see trusted-proxies).
 */
public class CallerKeys {

    private final String header;
    private final String cookie;
    private final String gatewayCookie;

    public CallerKeys(GatewaySettings settings) {
        this.header = text(settings.canary().callerHeader());
        this.cookie = text(settings.canary().callerCookie());
        this.gatewayCookie = text(settings.canary().gatewayCookie());
    }

    /** The caller's own key (header or cookie), or null when it brought none. */
    @Nullable
    public String explicitKey(ServerHttpRequest request) {
        if (header != null) {
            String value = request.getHeaders().getFirst(header);
            if (StringUtils.hasText(value)) {
                return value;
            }
        }
        if (cookie == null && gatewayCookie == null) {
            return null;
        }
        String value = cookie(request, cookie);
        return value != null ? value : cookie(request, gatewayCookie);
    }

    public String key(ServerHttpRequest request) {
        String explicit = explicitKey(request);
        if (explicit != null) {
            return explicit;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? "" : remote.getHostString();
    }

    /** The name of the cookie the gateway issues to callers without a key, or null when it issues none. */
    @Nullable
    public String gatewayCookie() {
        return gatewayCookie;
    }

    @Nullable
    private static String cookie(ServerHttpRequest request, @Nullable String name) {
        if (name == null) {
            return null;
        }
        HttpCookie value = request.getCookies().getFirst(name);
        return value != null && StringUtils.hasText(value.getValue()) ? value.getValue() : null;
    }

    @Nullable
    private static String text(@Nullable String value) {
        return StringUtils.hasText(value) ? value.trim() : null;
    }
}
