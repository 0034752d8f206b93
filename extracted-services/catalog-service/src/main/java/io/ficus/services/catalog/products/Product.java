package io.ficus.services.catalog.products;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/** A live product as the API serves it (the monolith's fields, no version); the price is a decimal string. */
record Product(String sku, String name, String description,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String currency) {
}
