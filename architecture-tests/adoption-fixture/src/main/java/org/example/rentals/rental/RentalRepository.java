package org.example.rentals.rental;

import org.springframework.data.repository.Repository;

/** Stores rentals. */
public interface RentalRepository extends Repository<Rental, Integer> {

    Rental save(Rental rental);
}
