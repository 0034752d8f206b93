package org.example.rentals.rental;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.example.rentals.bike.Bike;
import org.example.rentals.bike.BikeRepository;
import org.example.rentals.system.time.RentalPeriod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rents out bikes over HTTP. */
@RestController
public class RentalController {

    private final RentalRepository rentals;
    private final BikeRepository bikes;
    private final RentalPricing pricing;

    public RentalController(RentalRepository rentals, BikeRepository bikes, RentalPricing pricing) {
        this.rentals = rentals;
        this.bikes = bikes;
        this.pricing = pricing;
    }

    @PostMapping("/rentals")
    public ResponseEntity<BigDecimal> rent(@RequestParam Integer customer, @RequestParam Integer bike,
            @RequestParam LocalDate from, @RequestParam LocalDate until) {
        Bike rented = bikes.findById(bike).orElse(null);
        if (rented == null) {
            return ResponseEntity.notFound().build();
        }
        Rental rental = new Rental();
        rental.setCustomerId(customer);
        rental.setBikeId(bike);
        rental.setPeriod(new RentalPeriod(from, until));
        rentals.save(rental);
        return ResponseEntity.ok(pricing.priceFor(rented.getDailyRate(), rental.period()));
    }
}
