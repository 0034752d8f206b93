/**
 * Notifications: tells customers what happened to their orders (confirmed, cancelled, shipped), once per
 * order and kind. Depends on the events of orders and shipping.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = { "orders", "shipping" })
package io.ficus.shop.notifications;

import org.springframework.modulith.ApplicationModule;
