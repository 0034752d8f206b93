/**
 * Shipping: prepares one shipment for every confirmed order and announces it. Depends on orders' events.
 */
@ApplicationModule(displayName = "Shipping", allowedDependencies = { "orders" })
package io.ficus.shop.shipping;

import org.springframework.modulith.ApplicationModule;
