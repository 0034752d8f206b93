package org.example.rentals.testdata;

import java.time.LocalDate;

import org.example.rentals.system.time.RentalPeriod;

/** Rental periods for tests; this package exists only in the tests. */
public final class Periods {

    private Periods() {
    }

    public static RentalPeriod days(int days) {
        LocalDate from = LocalDate.of(2026, 6, 1);
        return new RentalPeriod(from, from.plusDays(days - 1L));
    }
}
