package io.ficus.services.catalog.products;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every live product with its version, page by page in SKU order: the same export as the monolith's, so
 * reconciliation can compare both sides.
 */
@RestController
class ExportController {

    private final ProductRepository products;

    ExportController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/api/catalog/export")
    @Transactional(readOnly = true)
    ExportPage export(@RequestParam(required = false) @Size(max = 40) String after,
            @RequestParam(defaultValue = "500") @Min(1) @Max(1000) int limit) {
        // One row more than asked tells whether another page follows without a second query.
        List<ExportPage.Item> rows = products.exportAfter(after, limit + 1);
        if (rows.size() <= limit) {
            return new ExportPage(rows, null);
        }
        List<ExportPage.Item> page = rows.subList(0, limit);
        return new ExportPage(page, page.get(limit - 1).sku());
    }
}
