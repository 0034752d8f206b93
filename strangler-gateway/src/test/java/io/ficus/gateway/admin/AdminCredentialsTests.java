package io.ficus.gateway.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names and passwords match exactly, and only together. */
class AdminCredentialsTests {

    private final AdminCredentials credentials = new AdminCredentials("admin", "s3cret");

    @Test
    void acceptsOnlyTheUserWithItsPassword() {
        assertThat(credentials.matches("admin", "s3cret")).isTrue();
        assertThat(credentials.matches("nobody", "s3cret")).isFalse();
        assertThat(credentials.matches("admin", "wrong")).isFalse();
        assertThat(credentials.matches("admin", "s3cret ")).isFalse();
        assertThat(credentials.matches("admin", "")).isFalse();
        assertThat(credentials.matches("", "")).isFalse();
    }

    @Test
    void matchesTheUserNameExactly() {
        assertThat(credentials.matches("Admin", "s3cret")).isFalse();
        assertThat(credentials.matches("ADMIN", "s3cret")).isFalse();
        assertThat(credentials.matches("admin\u0000", "s3cret")).isFalse();
    }
}
