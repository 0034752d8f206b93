package io.ficus.shop.catalog.internal;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The catalog's HTTP API: product listing and lookup, and admin writes (carried out by {@link ProductWriter}). */
@RestController
@RequestMapping("/api/catalog/products")
class ProductController {

    private final ProductRepository products;
    private final ProductWriter writer;

    ProductController(ProductRepository products, ProductWriter writer) {
        this.products = products;
        this.writer = writer;
    }

    @GetMapping
    @Transactional(readOnly = true)
    ProductPage listProducts(@RequestParam(defaultValue = "") @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String query = q.strip();
        return new ProductPage(products.search(query, page, size), page, size, products.count(query));
    }

    @GetMapping("/{sku}")
    Product getProduct(@PathVariable String sku) {
        return products.findBySku(sku).orElseThrow(() -> unknownSku(sku));
    }

    @PostMapping
    ResponseEntity<Product> createProduct(@Valid @RequestBody ProductRequest request) {
        if (request.sku() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "sku is required");
        }
        Product product = request.toProduct(request.sku());
        if (writer.createIfAbsent(product).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Product " + product.sku() + " already exists");
        }
        return ResponseEntity.created(URI.create("/api/catalog/products/" + product.sku())).body(product);
    }

    @PutMapping("/{sku}")
    ResponseEntity<Product> putProduct(@PathVariable String sku, @Valid @RequestBody ProductRequest request) {
        if (request.sku() != null && !request.sku().equals(sku)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "sku in the body differs from the path");
        }
        Product product = request.toProduct(sku);
        boolean created = writer.save(product);
        return created
                ? ResponseEntity.created(URI.create("/api/catalog/products/" + sku)).body(product)
                : ResponseEntity.ok(product);
    }

    @DeleteMapping("/{sku}")
    ResponseEntity<Void> deleteProduct(@PathVariable String sku) {
        if (!writer.delete(sku)) {
            throw unknownSku(sku);
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseStatusException unknownSku(String sku) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown SKU " + sku);
    }
}
