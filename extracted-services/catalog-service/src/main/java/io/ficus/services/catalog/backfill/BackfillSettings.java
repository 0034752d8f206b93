package io.ficus.services.catalog.backfill;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Copying every product from the monolith's export endpoint.
 *
 * @param enabled        run at startup unless a completed backfill is recorded (a crashed or abandoned one
 *                       resumes from its cursor)
 * @param sourceUrl      base URL of the monolith; the export is read from {@code /api/catalog/export}
 * @param pageSize       products asked per page (the export accepts 1 to 1000)
 * @param maxAttempts    attempts per page before the backfill gives up (monolith down, 5xx, malformed page)
 * @param initialBackoff pause after the first failed attempt, doubled after each further one
 * @param maxBackoff     longest pause between two attempts
 * @param connectTimeout to the monolith
 * @param readTimeout    for one page
 */
@ConfigurationProperties("ficus.catalog.backfill")
record BackfillSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("http://localhost:8081") URI sourceUrl,
        @DefaultValue("500") int pageSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {
}
