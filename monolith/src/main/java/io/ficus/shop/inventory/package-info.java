/**
 * Inventory: owns stock levels per SKU and reserves or releases stock for orders. Publishes the outcome of
 * each reservation as an event. Depends on the catalog only to refuse stock for a SKU that is no product.
 */
@ApplicationModule(displayName = "Inventory", allowedDependencies = { "catalog" })
package io.ficus.shop.inventory;

import org.springframework.modulith.ApplicationModule;
