/**
 * Payments: authorizes the amount of an order with the external payment provider, exactly once per order,
 * and publishes whether it was authorized or declined. Depends on no other module.
 */
@ApplicationModule(displayName = "Payments", allowedDependencies = {})
package io.ficus.shop.payments;

import org.springframework.modulith.ApplicationModule;
