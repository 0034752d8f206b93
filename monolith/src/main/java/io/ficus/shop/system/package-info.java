/**
 * System: the shop's cross-cutting infrastructure — the HTTP status of each domain refusal (the rest of the HTTP
 * edge, problem+json for every other error, request hygiene and size limits, strict JSON, is ficus-web's), OpenAPI,
 * retries of failed event publications, trace propagation into listeners, the shop's settings, and what Spring
 * Security does outside the identity module's endpoints (nothing yet: WebSecurityBaseline).
 * Owns no data and publishes no events; no module depends on it (it reaches them only through Spring).
 */
@ApplicationModule(displayName = "System", allowedDependencies = {})
package io.ficus.shop.system;

import org.springframework.modulith.ApplicationModule;
