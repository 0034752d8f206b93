package io.ficus.contract;

import io.ficus.platform.testing.TestIssuer;

/**
 * The token issuer of the contract runs: the monolith and the services are started with it as their issuer and the
 * suite calls both sides as staff (each side's access rules are its own tests), and places orders as their customer.
 * One per test JVM; its threads are daemons.
 */
final class ContractIssuer {

    static final TestIssuer ISSUER = TestIssuer.start();

    private ContractIssuer() {
    }

    /** A fresh staff token (tokens live five minutes; a suite may run longer). */
    static String staff() {
        return ISSUER.staff("contract-staff@example.com");
    }

    /** A fresh token of the customer with this login. */
    static String customer(String email) {
        return ISSUER.customer(email);
    }
}
