package io.ficus.gateway.routing;

import java.util.Locale;

/** Which backend answers a request of a route. */
public enum Side {

    LEGACY, SERVICE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
