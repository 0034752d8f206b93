package io.ficus.gateway.shadow;

import java.util.List;

import io.ficus.gateway.routing.ActiveRoute;
import io.ficus.gateway.routing.BackendTargets;
import io.ficus.gateway.routing.ShadowTraffic;
import io.ficus.gateway.shadow.MirrorQueue.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Takes a request of a route at shadow from the routing filter and, when its route's queue has room, starts
 * copying legacy's answer and sends a copy to the service; otherwise counts it as dropped. Runs on the caller's
 * event loop, so it only allocates and enqueues: nothing here waits, and nothing here may fail the caller.
 */
final class ShadowMirror implements ShadowTraffic, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShadowMirror.class);

    private final ShadowRoutes routes;
    private final BackendTargets backends;
    private final MirrorClient client;
    private final Scheduler judging;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider;
    private volatile List<HttpHeadersFilter> headersFilters;

    ShadowMirror(ShadowRoutes routes, BackendTargets backends, MirrorClient client, Scheduler judging,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        this.routes = routes;
        this.backends = backends;
        this.client = client;
        this.judging = judging;
        this.headersFiltersProvider = headersFilters;
    }

    @Override
    public void mirror(ServerWebExchange exchange, ActiveRoute route) {
        ShadowRoute shadow = routes.route(route.id());
        if (shadow == null || route.service() == null) {
            return;
        }
        try {
            ServerHttpRequest request = exchange.getRequest();
            HttpMethod method = request.getMethod();
            AnswerCapture capture = exchange.getAttribute(AnswerCapture.ATTRIBUTE);
            if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || MirrorRequest.hasBody(request)
                    || capture == null) {
                // not safe to repeat, or (a stage change between the tap and here) no tap on legacy's answer
                shadow.stats().skipped.increment();
                return;
            }
            Admission admission = shadow.queue().admit();
            if (admission == Admission.FULL) {
                shadow.stats().dropped.increment();
                return;
            }
            ShadowExchange copy;
            try {
                copy = new ShadowExchange(shadow, MirrorRequest.of(exchange, headersFilters()), capture,
                        route.service(), backends.legacy(), client, judging);
            }
            catch (RuntimeException e) {
                shadow.queue().cancel(admission);
                throw e;
            }
            // copying starts before legacy is even called, so no byte of its answer is missed
            capture.activate(shadow.settings().compareBodyLimit());
            shadow.queue().start(admission, copy);
        }
        catch (RuntimeException e) {
            shadow.stats().failed.increment();
            log.warn("Could not mirror a request of route {}", route.id(), e);
        }
    }

    /** The same header filters the proxied request passes through; looked up late, as the gateway's own. */
    private List<HttpHeadersFilter> headersFilters() {
        List<HttpHeadersFilter> filters = headersFilters;
        if (filters == null) {
            filters = headersFiltersProvider.getIfAvailable(List::of);
            headersFilters = filters;
        }
        return filters;
    }

    @Override
    public void close() {
        judging.dispose();
    }
}
