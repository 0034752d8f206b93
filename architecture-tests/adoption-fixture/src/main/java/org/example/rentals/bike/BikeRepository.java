package org.example.rentals.bike;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Stores bikes. */
public interface BikeRepository extends Repository<Bike, Integer> {

    Optional<Bike> findById(Integer id);

    List<Bike> findAll();
}
