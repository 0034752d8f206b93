package io.ficus.services.catalog.products;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * One page of the export: live products in SKU order with their versions; {@code next} is the cursor of the
 * following page, null on the last one.
 */
record ExportPage(List<Item> items, String next) {

    /** A product with the version it was last written at. */
    record Item(String sku, String name, String description,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String currency, long version) {
    }
}
