package io.ficus.migration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The gateway's per-instance figures of one backend, read from its Prometheus endpoint (management port). */
final class GatewayMetrics {

    private final String prometheusUrl;
    private final String backend;

    GatewayMetrics(String managementUrl, String backend) {
        this.prometheusUrl = managementUrl + "/actuator/prometheus";
        this.backend = backend;
    }

    /** Requests the gateway sent to the instance at {@code authority} (host:port) so far. */
    double requests(String authority) {
        return value("ficus_gateway_backend_instance_requests_total", authority);
    }

    /** 1 while the instance gets requests, 0 while it is out. */
    double available(String authority) {
        return value("ficus_gateway_backend_instance_available", authority);
    }

    private double value(String metric, String authority) {
        Http.Answer answer = Http.get(prometheusUrl);
        if (answer.status() != 200) {
            throw new AssertionError("reading the gateway's metrics: " + answer);
        }
        Pattern line = Pattern.compile("^" + metric + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(answer.body());
        while (matcher.find()) {
            String labels = matcher.group(1);
            if (labels.contains("backend=\"" + backend + "\"") && labels.contains("instance=\"" + authority + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no " + metric + " of " + backend + " at " + authority + " in the gateway's metrics");
    }
}
