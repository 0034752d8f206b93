package io.ficus.services.catalog.products;

import java.net.URI;

import io.ficus.services.catalog.products.ProductWrites.DuplicateProduct;
import io.ficus.services.catalog.products.ProductWrites.UnknownProduct;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The catalog's HTTP API, the same contract as the monolith's: listing, lookup, admin writes. */
@RestController
@RequestMapping("/api/catalog/products")
class ProductController {

    private final ProductRepository products;
    private final ProductWrites writes;

    ProductController(ProductRepository products, ProductWrites writes) {
        this.products = products;
        this.writes = writes;
    }

    @GetMapping
    @Transactional(readOnly = true)
    ProductPage list(@RequestParam(defaultValue = "") @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String query = q.strip();
        return new ProductPage(products.search(query, page, size), page, size, products.count(query));
    }

    @GetMapping("/{sku}")
    Product get(@PathVariable String sku) {
        return products.findBySku(sku).orElseThrow(() -> new UnknownProduct(sku));
    }

    @PostMapping
    ResponseEntity<Product> create(@Valid @RequestBody ProductRequest request) {
        if (request.sku() == null) {
            // the monolith answers this one without an errors list; the contract keeps it so
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "sku is required");
        }
        Product product = writes.create(request.toProduct(request.sku()));
        return ResponseEntity.created(URI.create("/api/catalog/products/" + product.sku())).body(product);
    }

    @PutMapping("/{sku}")
    ResponseEntity<Product> update(@PathVariable String sku, @Valid @RequestBody ProductRequest request) {
        if (request.sku() != null && !request.sku().equals(sku)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "sku in the body differs from the path");
        }
        Product product = request.toProduct(sku);
        return writes.save(product)
                ? ResponseEntity.created(URI.create("/api/catalog/products/" + sku)).body(product)
                : ResponseEntity.ok(product);
    }

    @DeleteMapping("/{sku}")
    ResponseEntity<Void> delete(@PathVariable String sku) {
        writes.delete(sku);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(UnknownProduct.class)
    ProblemDetail unknownProduct(UnknownProduct ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(DuplicateProduct.class)
    ProblemDetail duplicateProduct(DuplicateProduct ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }
}
