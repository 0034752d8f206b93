/**
 * Catalog: owns the products the shop sells (name, description, price) and answers price lookups.
 * Depends on no other module.
 */
@ApplicationModule(displayName = "Catalog", allowedDependencies = {})
package io.ficus.shop.catalog;

import org.springframework.modulith.ApplicationModule;
