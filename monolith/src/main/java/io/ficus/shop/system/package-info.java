/**
 * System: the shop's cross-cutting infrastructure — problem+json errors, request hygiene and size limits, strict
 * JSON, OpenAPI, retries of failed event publications, trace propagation into listeners, and the shop's settings.
 * Owns no data and publishes no events; no module depends on it (it reaches them only through Spring).
 */
@ApplicationModule(displayName = "System", allowedDependencies = {})
package io.ficus.shop.system;

import org.springframework.modulith.ApplicationModule;
