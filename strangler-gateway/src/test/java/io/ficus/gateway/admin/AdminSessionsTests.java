package io.ficus.gateway.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.ficus.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dashboard sessions end at logout, after their lifetime, after idling, or when too many are open. */
class AdminSessionsTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AdminSessions sessions = new AdminSessions(
            new GatewaySettings.Session(Duration.ofHours(8), Duration.ofMinutes(30), 3), now::get);

    @Test
    void knowsAStartedSessionByItsIdWithItsUserAndAnUnguessableCsrfToken() {
        String id = sessions.start("admin");
        String other = sessions.start("admin");

        AdminSession session = sessions.find(id);
        assertThat(session.user()).isEqualTo("admin");
        assertThat(session.csrfToken()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(id);
        assertThat(other).isNotEqualTo(id);
        assertThat(sessions.find(other).csrfToken()).isNotEqualTo(session.csrfToken());
        assertThat(sessions.find("made-up")).isNull();
        assertThat(sessions.find(null)).isNull();
    }

    @Test
    void endsASessionAtLogout() {
        String id = sessions.start("admin");
        sessions.end(id);
        assertThat(sessions.find(id)).isNull();
    }

    @Test
    void endsASessionThatIdledLongerThanTheIdleTimeoutButNotOneInUse() {
        String idle = sessions.start("admin");
        String used = sessions.start("admin");
        for (int i = 0; i < 3; i++) {
            now.addAndGet(Duration.ofMinutes(20).toNanos());
            assertThat(sessions.find(used)).isNotNull();
        }
        assertThat(sessions.find(idle)).isNull();
    }

    @Test
    void endsEverySessionAtTheEndOfItsLifetimeHoweverBusy() {
        String id = sessions.start("admin");
        for (int i = 0; i < 31; i++) {
            now.addAndGet(Duration.ofMinutes(15).toNanos());
            assertThat(sessions.find(id)).isNotNull();
        }
        now.addAndGet(Duration.ofMinutes(15).toNanos());
        assertThat(sessions.find(id)).isNull();
    }

    @Test
    void endsTheOldestSessionWhenTheLimitIsReached() {
        String first = sessions.start("admin");
        now.addAndGet(1);
        String second = sessions.start("admin");
        now.addAndGet(1);
        String third = sessions.start("admin");
        now.addAndGet(1);
        String fourth = sessions.start("admin");

        assertThat(sessions.find(first)).isNull();
        assertThat(sessions.find(second)).isNotNull();
        assertThat(sessions.find(third)).isNotNull();
        assertThat(sessions.find(fourth)).isNotNull();
    }

    @Test
    void comparesTokensExactly() {
        assertThat(AdminSessions.sameToken("abc", "abc")).isTrue();
        assertThat(AdminSessions.sameToken("abc", "abd")).isFalse();
        assertThat(AdminSessions.sameToken("abc", "ab")).isFalse();
        assertThat(AdminSessions.sameToken("abc", null)).isFalse();
    }
}
