package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ficus.shop.DomainException;
import io.ficus.shop.catalog.ProductSummary;
import io.ficus.shop.orders.OrderLine;
import org.springframework.stereotype.Component;

/**
 * Prices the lines of an order request through the catalog. Deliberately outside any transaction: the catalog
 * may be a remote service, and no remote call may hold a database transaction open.
 */
@Component
class OrderPricing {

    private final CatalogClient catalog;

    OrderPricing(CatalogClient catalog) {
        this.catalog = catalog;
    }

    PricedOrder price(PlaceOrderRequest request) {
        Set<String> skus = request.lines().stream().map(PlaceOrderRequest.Line::sku)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, ProductSummary> products = catalog.productsBySku(skus);
        List<String> unknown = skus.stream().filter(sku -> !products.containsKey(sku)).toList();
        if (!unknown.isEmpty()) {
            throw new OrderRefused(DomainException.Kind.NOT_FOUND, "Unknown SKU: " + String.join(", ", unknown));
        }
        Set<String> currencies = products.values().stream().map(ProductSummary::currency).collect(Collectors.toSet());
        if (currencies.size() > 1) {
            throw new OrderRefused(DomainException.Kind.UNPROCESSABLE,
                    "An order cannot mix currencies: " + currencies);
        }
        List<OrderView.Line> lines = new ArrayList<>();
        List<OrderLine> eventLines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (PlaceOrderRequest.Line line : request.lines()) {
            ProductSummary product = products.get(line.sku());
            lines.add(new OrderView.Line(product.sku(), product.name(), line.quantity(), product.price()));
            eventLines.add(new OrderLine(product.sku(), line.quantity(), product.price()));
            total = total.add(product.price().multiply(BigDecimal.valueOf(line.quantity())));
        }
        return new PricedOrder(lines, eventLines, total, currencies.iterator().next());
    }
}
