/**
 * Inventory: owns stock levels per SKU and reserves or releases stock for orders. Publishes the outcome of
 * each reservation as an event. Depends on no other module.
 */
@ApplicationModule(displayName = "Inventory", allowedDependencies = {})
package io.ficus.shop.inventory;

import org.springframework.modulith.ApplicationModule;
