package io.ficus.gateway.admin;

import io.ficus.gateway.identity.Identity;

/**
 * Who may run the gateway with an identity from the issuer: a token with role {@code admin-role} (staff) or scope
 * {@code admin-scope} (a machine client). One copy for the admin API's bearer tokens and the dashboard's staff login.
 */
record StaffRule(String role, String scope) {

    boolean admits(Identity identity) {
        return identity.hasRole(role) || identity.hasScope(scope);
    }

    String requirement() {
        return "role '" + role + "' or scope '" + scope + "'";
    }
}
