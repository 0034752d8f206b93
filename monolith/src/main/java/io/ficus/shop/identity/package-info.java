/**
 * Identity: the shop's users and its OpenID Connect provider (Spring Authorization Server) — login, tokens signed
 * with rotating keys kept in its own schema, and the registered clients of the gateway, the command line, automation
 * and the shop itself. Publishes no events and depends on no other module (docs/identity.md, ADR 0013).
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {})
package io.ficus.shop.identity;

import org.springframework.modulith.ApplicationModule;
