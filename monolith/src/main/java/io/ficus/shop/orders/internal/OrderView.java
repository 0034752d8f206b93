package io.ficus.shop.orders.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

/** An order as the HTTP API shows it; amounts are decimal strings. */
record OrderView(UUID id, String customer, OrderStatus status, List<Line> lines,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String currency, String reason,
        List<HistoryEntry> history, Instant createdAt) {

    record Line(String sku, String name, int quantity,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {
    }

    record HistoryEntry(Instant at, OrderStatus status, String note) {
    }
}
