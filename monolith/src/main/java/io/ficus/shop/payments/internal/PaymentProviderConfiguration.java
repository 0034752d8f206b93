package io.ficus.shop.payments.internal;

import java.net.http.HttpClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/** Wires the provider client to the configured provider, or to the in-process sandbox when none is set. */
@Configuration(proxyBeanMethods = false)
class PaymentProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentProviderConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${ficus.payments.provider.base-url:}'.isBlank()")
    PaymentProviderSandbox paymentProviderSandbox() {
        PaymentProviderSandbox sandbox = new PaymentProviderSandbox();
        log.info("No ficus.payments.provider.base-url set: payment provider sandbox serving at {}", sandbox.baseUrl());
        return sandbox;
    }

    @Bean
    PaymentProviderClient paymentProviderClient(PaymentProviderProperties properties,
            ObjectProvider<PaymentProviderSandbox> sandbox, RestClient.Builder builder) {
        String baseUrl = StringUtils.hasText(properties.baseUrl())
                ? properties.baseUrl()
                : sandbox.getObject().baseUrl();
        // HTTP/1.1: the JDK client's h2c upgrade attempt is refused by many servers (WireMock's Jetty among them).
        HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return new PaymentProviderClient(builder.clone().baseUrl(baseUrl).requestFactory(requestFactory).build());
    }
}
