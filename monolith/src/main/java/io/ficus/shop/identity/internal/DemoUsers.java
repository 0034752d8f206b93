package io.ficus.shop.identity.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the demo users (two customers and one staff member) when demo data is on. Only password hashes are stored:
 * a generated password is printed once, when its user is created; {@code ficus.identity.demo.password} sets all three
 * passwords at every start instead. Off with {@code ficus.shop.demo-data=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "ficus.shop.demo-data", matchIfMissing = true)
class DemoUsers implements ApplicationRunner {

    static final Map<String, String> USERS = Map.of(
            "ada@example.com", Roles.CUSTOMER,
            "grace@example.com", Roles.CUSTOMER,
            "staff@example.com", Roles.STAFF);

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final String configuredPassword;

    DemoUsers(UserAccounts accounts, PasswordEncoder passwords, IdentitySettings settings) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.configuredPassword = settings.demo().password();
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean configured = StringUtils.hasText(configuredPassword);
        USERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(user -> {
            String username = user.getKey();
            if (!accounts.exists(username)) {
                String password = configured ? configuredPassword : Secrets.generate();
                accounts.create(username, passwords.encode(password), user.getValue());
                if (configured) {
                    log.info("Demo user {} ({}) created with the configured ficus.identity.demo.password", username, user.getValue());
                }
                else {
                    log.warn("Demo user {} ({}) created with password {} (printed only now: only its hash is stored; "
                            + "set FICUS_IDENTITY_DEMO_PASSWORD to choose the demo users' password)", username, user.getValue(), password);
                }
            }
            else if (configured) {
                accounts.changePassword(username, passwords.encode(configuredPassword));
                log.info("Demo user {} ({}): password set from ficus.identity.demo.password", username, user.getValue());
            }
            else {
                log.info("Demo user {} ({}) exists: its password was printed when it was created; set "
                        + "FICUS_IDENTITY_DEMO_PASSWORD to set a new one", username, user.getValue());
            }
        });
    }
}
