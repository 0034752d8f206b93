package org.example.rentals.customer;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Stores customers. */
public interface CustomerRepository extends Repository<Customer, Integer> {

    Optional<Customer> findById(Integer id);

    Customer save(Customer customer);
}
