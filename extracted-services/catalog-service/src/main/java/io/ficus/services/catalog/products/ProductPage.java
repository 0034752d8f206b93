package io.ficus.services.catalog.products;

import java.util.List;

/** One page of a product listing. */
record ProductPage(List<Product> items, int page, int size, long total) {
}
