package org.example.rentals.rental;

import java.math.BigDecimal;

import org.example.rentals.system.time.RentalPeriod;
import org.springframework.stereotype.Component;

/** Prices a rental: the bike's daily rate for every day of the period. */
@Component
public class RentalPricing {

    public BigDecimal priceFor(BigDecimal dailyRate, RentalPeriod period) {
        return dailyRate.multiply(BigDecimal.valueOf(period.days()));
    }
}
