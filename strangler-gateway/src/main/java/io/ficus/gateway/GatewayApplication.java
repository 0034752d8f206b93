package io.ficus.gateway;

import java.security.Security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Strangler gateway: sends each route of the migration plan to the legacy backend or its new service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {

    /** The JVM's DNS cache, unless configured: short enough for {@code discovery: dns} to see pods come and go. */
    static final String DNS_CACHE_SECONDS = "5";

    public static void main(String[] args) {
        // before the first lookup: the JDK reads its cache policy once (default 30 s)
        if (Security.getProperty("networkaddress.cache.ttl") == null && System.getProperty("sun.net.inetaddr.ttl") == null) {
            Security.setProperty("networkaddress.cache.ttl", DNS_CACHE_SECONDS);
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
