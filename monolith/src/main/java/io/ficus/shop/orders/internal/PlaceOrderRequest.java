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

/** Body of {@code POST /api/orders}. */
record PlaceOrderRequest(
        @NotBlank @Email @Size(max = 254) String customer,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines) {

    /** A wanted quantity of one SKU. */
    record Line(@NotBlank @Size(max = 40) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
