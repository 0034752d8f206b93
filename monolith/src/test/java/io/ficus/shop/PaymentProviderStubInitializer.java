package io.ficus.shop;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application's payment provider client at {@link PaymentProviderStub}. */
public class PaymentProviderStubInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("payment-provider-stub",
                Map.of("ficus.payments.provider.base-url", PaymentProviderStub.baseUrl())));
    }
}
