package io.ficus.platform.postgres;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that starts when no {@code spring.datasource.url} is configured.
 *
 * @param enabled       whether to start it at all (when no datasource URL is configured)
 * @param dataDirectory where the cluster lives; kept across restarts. Empty means
 *                      {@code data/<spring.application.name>/postgres} under the working directory
 * @param ephemeral     use a fresh temporary cluster that is deleted on shutdown (tests)
 * @param port          TCP port on 127.0.0.1; 0 picks a free one at each start
 */
@ConfigurationProperties("ficus.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("true") boolean enabled,
        Path dataDirectory,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("0") int port) {
}
