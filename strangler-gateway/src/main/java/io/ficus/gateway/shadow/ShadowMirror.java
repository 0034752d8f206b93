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
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides which requests of a route at shadow are copied (admission, when the tap sees the request) and sends
 * the copies (when the routing filter has resolved the route). Runs on the caller's event loop, so it only
 * allocates and enqueues: nothing here waits, and nothing here may fail the caller.
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

    /**
     * Called by the tap for a GET or HEAD of a route at shadow, before anything else: admits a copy when the
     * route's queue has room and its copy rate allows, or counts the request as dropped (or skipped, when it has a
     * body) and returns null.
     * A dropped request allocates nothing here; under load that is most requests, so the copy rate, which refuses
     * most of them, is asked first, with one read and no write.
     */
    PendingCopy admit(ServerWebExchange exchange, ActiveRoute route) {
        ShadowRoute shadow = routes.route(route.id());
        if (shadow == null || route.service() == null) {
            return null;
        }
        if (shadow.rate().exhausted()) {
            shadow.stats().dropped.increment();
            return null;
        }
        if (MirrorRequest.hasBody(exchange.getRequest())) {
            // a copy could only get the body by consuming the caller's
            shadow.stats().skipped.increment();
            return null;
        }
        Admission admission = shadow.queue().admit();
        if (admission == Admission.FULL) {
            shadow.stats().dropped.increment();
            return null;
        }
        if (!shadow.rate().tryAcquire()) {
            // after the queue, so that requests refused for a full queue use up no copy of the rate
            shadow.queue().cancel(admission);
            shadow.stats().dropped.increment();
            return null;
        }
        AnswerCapture capture = new AnswerCapture();
        // copying starts before legacy is even called, so no byte of its answer is missed
        capture.activate(shadow.settings().compareBodyLimit());
        return new PendingCopy(shadow, admission, capture);
    }

    /**
     * The routing filter resolved a route at shadow for this request (legacy answers it): sends the copy the tap
     * admitted. Requests without one were dropped or skipped already, or are not a GET or HEAD.
     */
    @Override
    public void mirror(ServerWebExchange exchange, ActiveRoute route) {
        PendingCopy pending = exchange.getAttribute(PendingCopy.ATTRIBUTE);
        if (pending == null) {
            HttpMethod method = exchange.getRequest().getMethod();
            ShadowRoute shadow = method == HttpMethod.GET || method == HttpMethod.HEAD ? null : routes.route(route.id());
            if (shadow != null) {
                // only GET and HEAD are copied
                shadow.stats().skipped.increment();
            }
            return;
        }
        ShadowRoute shadow = pending.route();
        if (!pending.claim()) {
            return;
        }
        try {
            ShadowExchange copy = new ShadowExchange(shadow, MirrorRequest.of(exchange, headersFilters()),
                    pending.capture(), route.service(), backends.legacy(), client, judging);
            shadow.queue().start(pending.admission(), copy);
        }
        catch (RuntimeException e) {
            pending.capture().deactivate();
            shadow.queue().cancel(pending.admission());
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
