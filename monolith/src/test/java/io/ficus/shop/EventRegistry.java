package io.ficus.shop;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/** Test view of the Event Publication Registry: lets a test wait until every listener has run. */
public final class EventRegistry {

    private final JdbcClient jdbc;

    public EventRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long incomplete() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
    }

    public long incompleteFor(Class<?> eventType) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and event_type = :type")
                .param("type", eventType.getName()).query(Long.class).single();
    }

    /** Waits until no publication is outstanding: every listener of every event has completed. */
    public void awaitQuiet() {
        await().atMost(Duration.ofSeconds(15)).until(() -> incomplete() == 0);
    }
}
