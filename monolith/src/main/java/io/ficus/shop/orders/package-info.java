/**
 * Orders: takes orders, prices them through the catalog, and drives each order through reservation and
 * payment to CONFIRMED or CANCELLED, recording every step in the order's history. It coordinates the saga
 * (calls inventory and payments, reacts to their events) so that neither of them depends on orders and the
 * module graph stays free of cycles; see docs/adr/0001-orders-coordinates-the-saga.md.
 */
@ApplicationModule(displayName = "Orders", allowedDependencies = { "catalog", "inventory", "payments" })
package io.ficus.shop.orders;

import org.springframework.modulith.ApplicationModule;
