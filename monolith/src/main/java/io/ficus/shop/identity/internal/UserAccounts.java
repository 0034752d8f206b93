package io.ficus.shop.identity.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.ficus.platform.web.UntrustedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/** The shop's users in the {@code identity} schema, as Spring Security loads them at login. */
@Repository
class UserAccounts implements UserDetailsService {

    /** Longest login accepted: the longest e-mail address (RFC 5321 path limit). */
    static final int MAX_USERNAME = 254;

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        // A login form field is untrusted text: anything that cannot be a stored login is simply unknown (PostgreSQL
        // would refuse a NUL with an error, turning a failed login into a 500).
        String login = normalized(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return jdbc.sql("select username, password_hash, role, enabled from identity.user_account where username = :username")
                .param("username", login)
                .query((rs, row) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .authorities(List.of(new SimpleGrantedAuthority(Roles.authority(rs.getString("role")))))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from identity.user_account where username = :username")
                .param("username", username.toLowerCase(Locale.ROOT)).query(Long.class).single() > 0;
    }

    void create(String username, String passwordHash, String role) {
        jdbc.sql("insert into identity.user_account (username, password_hash, role) values (:username, :hash, :role)")
                .param("username", username.toLowerCase(Locale.ROOT)).param("hash", passwordHash).param("role", role)
                .update();
    }

    void changePassword(String username, String passwordHash) {
        jdbc.sql("update identity.user_account set password_hash = :hash where username = :username")
                .param("username", username.toLowerCase(Locale.ROOT)).param("hash", passwordHash).update();
    }

    private static Optional<String> normalized(String username) {
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME
                || !UntrustedText.isAcceptable(username)) {
            return Optional.empty();
        }
        return Optional.of(username.toLowerCase(Locale.ROOT));
    }
}
