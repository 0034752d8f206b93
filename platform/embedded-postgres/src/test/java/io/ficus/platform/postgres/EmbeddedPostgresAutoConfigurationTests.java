package io.ficus.platform.postgres;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server starts only when the application names no database of its own. */
class EmbeddedPostgresAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class));

    @Test
    void startsEmbeddedPostgresWithoutDatasourceUrl() {
        runner.withPropertyValues("ficus.embedded-postgres.ephemeral=true").run(context -> {
            assertThat(context).hasSingleBean(EmbeddedPostgresServer.class);
            String version = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("show server_version", String.class);
            assertThat(version).startsWith("18.");
        });
    }

    @Test
    void backsOffWhenDatasourceUrlIsSet() {
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class));
    }

    @Test
    void backsOffWhenDisabled() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class))
                .withPropertyValues("ficus.embedded-postgres.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class);
                });
    }
}
