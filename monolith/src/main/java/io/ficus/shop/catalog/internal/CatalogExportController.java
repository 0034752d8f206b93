package io.ficus.shop.catalog.internal;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every live product with its version, page by page in SKU order: what catalog-service's backfill copies and
 * what reconciliation compares. The same contract is served by catalog-service.
 */
@RestController
class CatalogExportController {

    private final ProductRepository products;

    CatalogExportController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/api/catalog/export")
    @Transactional(readOnly = true)
    ExportPage exportCatalog(@RequestParam(required = false) @Size(max = 40) String after,
            @RequestParam(defaultValue = "500") @Min(1) @Max(1000) int limit) {
        // one row more than asked tells whether another page follows
        List<VersionedProduct> rows = products.exportAfter(after == null ? "" : after, limit + 1);
        if (rows.size() <= limit) {
            return new ExportPage(rows, null);
        }
        List<VersionedProduct> page = rows.subList(0, limit);
        return new ExportPage(List.copyOf(page), page.get(limit - 1).sku());
    }

    /** One page of the export; {@code next} is the {@code after} of the following page, null on the last. */
    record ExportPage(List<VersionedProduct> items, String next) {
    }
}
