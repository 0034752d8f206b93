package io.ficus.gateway.admin;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Checking credentials does the same work whether or not the user exists, and names match exactly. */
class AdminCredentialsTests {

    private final List<String> hashesChecked = new ArrayList<>();
    private final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashesChecked.add(encoded.substring(0, encoded.indexOf('}') + 1));
            return real.matches(raw, encoded);
        }
    };
    private final AdminCredentials credentials = new AdminCredentials("admin", "s3cret", counting);

    @Test
    void checksOnePasswordHashOfTheSameKindForUnknownAndKnownUsers() {
        assertThat(credentials.matches("nobody", "s3cret")).isFalse();
        assertThat(credentials.matches("admin", "wrong")).isFalse();
        assertThat(credentials.matches("admin", "s3cret")).isTrue();

        assertThat(hashesChecked).hasSize(3).containsOnly("{bcrypt}");
    }

    @Test
    void matchesTheUserNameExactly() {
        assertThat(credentials.matches("Admin", "s3cret")).isFalse();
        assertThat(credentials.matches("ADMIN", "s3cret")).isFalse();
        assertThat(credentials.matches("admin", "s3cret")).isTrue();
    }
}
