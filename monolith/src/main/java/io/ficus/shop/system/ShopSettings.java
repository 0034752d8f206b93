package io.ficus.shop.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shop's own cross-cutting settings, with their defaults here and nowhere else (module settings such as
 * {@code ficus.payments.provider} live in their modules; the HTTP edge's {@code ficus.web.*} in ficus-web's
 * {@code WebProperties}).
 *
 * @param events retries of failed event publications
 */
@ConfigurationProperties("ficus")
record ShopSettings(@DefaultValue Events events) {

    /**
     * @param retryInterval how often failed event publications are resubmitted
     * @param retryMinAge   how old a failed publication must be before it is resubmitted
     */
    record Events(@DefaultValue("5s") Duration retryInterval, @DefaultValue("2s") Duration retryMinAge) {
    }
}
