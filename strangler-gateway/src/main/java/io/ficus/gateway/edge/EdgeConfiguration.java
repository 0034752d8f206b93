package io.ficus.gateway.edge;

import io.ficus.gateway.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;

/** What routing, protection and admin share at the gateway's edge: caller keys, the management port, problems. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    ProxiedRequestObservations proxiedRequestObservations(ManagementPort managementPort) {
        return new ProxiedRequestObservations(managementPort);
    }

    @Bean
    CallerKeys callerKeys(GatewaySettings settings) {
        return new CallerKeys(settings);
    }

    @Bean
    ProblemWriter problemWriter(ServerCodecConfigurer codecs) {
        return new ProblemWriter(codecs);
    }
}
