package io.ficus.contract;

import io.ficus.platform.testing.TestIssuer;

/**
 * The token issuer of the contract runs: the services are started with it as their issuer and the suite calls both
 * sides as staff (the services' access rules are their own tests; the monolith does not check tokens yet and ignores
 * the header). One per test JVM; its threads are daemons.
 */
final class ContractIssuer {

    static final TestIssuer ISSUER = TestIssuer.start();

    private ContractIssuer() {
    }

    /** A fresh staff token (tokens live five minutes; a suite may run longer). */
    static String staff() {
        return ISSUER.staff("contract-staff@example.com");
    }
}
