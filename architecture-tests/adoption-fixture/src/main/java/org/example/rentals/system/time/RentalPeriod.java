package org.example.rentals.system.time;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The days a bike is out, both ends included.
 *
 * @param from the first day
 * @param until the last day
 */
public record RentalPeriod(LocalDate from, LocalDate until) {

    public long days() {
        return ChronoUnit.DAYS.between(from, until) + 1;
    }
}
