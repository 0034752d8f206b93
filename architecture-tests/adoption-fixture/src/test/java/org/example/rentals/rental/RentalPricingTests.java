package org.example.rentals.rental;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.example.rentals.testdata.Periods;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

// the adopter's own test style: a Spring test context with field injection, which the rules leave alone
@SpringJUnitConfig(RentalPricing.class)
class RentalPricingTests {

    @Autowired
    private RentalPricing pricing;

    @Test
    void chargesTheDailyRateForEveryDayIncludingTheLast() {
        assertThat(pricing.priceFor(new BigDecimal("12.50"), Periods.days(3))).isEqualByComparingTo("37.50");
    }
}
