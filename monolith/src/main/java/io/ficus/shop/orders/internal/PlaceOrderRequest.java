package io.ficus.shop.orders.internal;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/orders}. The order is always the caller's: {@code customer} may be left out, and when
 * given must be the caller's own login (ADR 0016), so old clients that send it keep working.
 */
record PlaceOrderRequest(
        @Email @Size(max = 254) String customer,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines) {

    /** A wanted quantity of one SKU. */
    record Line(@NotBlank @Size(max = 40) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
