package io.ficus.shop.inventory.internal;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The inventory's HTTP API: stock of a SKU, and the admin count/restock of a product the catalog knows. */
@RestController
@RequestMapping("/api/inventory/stock")
class StockController {

    private final StockRepository stock;
    private final CatalogClient catalog;

    StockController(StockRepository stock, CatalogClient catalog) {
        this.stock = stock;
        this.catalog = catalog;
    }

    @GetMapping("/{sku}")
    StockLevel getStock(@PathVariable String sku) {
        return stock.find(sku).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stock known for SKU " + sku));
    }

    @PutMapping("/{sku}")
    StockLevel setStock(@PathVariable String sku, @Valid @RequestBody StockUpdate update) {
        if (!sku.matches("[A-Z0-9][A-Z0-9-]{1,39}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid SKU " + sku);
        }
        if (!catalog.exists(sku)) {
            // stock is only kept for products the catalog sells
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown SKU " + sku);
        }
        stock.setAvailable(sku, update.available());
        return stock.find(sku).orElseThrow();
    }
}
