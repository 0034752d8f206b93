package io.ficus.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP edge's settings, the same in every app, with their defaults here and nowhere else.
 *
 * @param maxRequestBody request bodies above this answer 413 before they are buffered
 * @param requestHygiene {@link RequestHygieneFilter}
 * @param strictJson     {@link StrictJson}
 */
@ConfigurationProperties(WebProperties.PREFIX)
public record WebProperties(@DefaultValue("64KB") DataSize maxRequestBody, @DefaultValue Toggle requestHygiene,
        @DefaultValue Toggle strictJson) {

    public static final String PREFIX = "ficus.web";

    /** @param enabled off only for an app that must accept what the rule refuses (none so far) */
    public record Toggle(@DefaultValue("true") boolean enabled) {
    }
}
