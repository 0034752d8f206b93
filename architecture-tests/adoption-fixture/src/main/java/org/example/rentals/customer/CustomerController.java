package org.example.rentals.customer;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves customers over HTTP. */
@RestController
public class CustomerController {

    private final CustomerRepository customers;

    public CustomerController(CustomerRepository customers) {
        this.customers = customers;
    }

    @GetMapping("/customers/{id}")
    public ResponseEntity<Customer> show(@PathVariable String id) {
        try {
            return ResponseEntity.of(customers.findById(Integer.valueOf(id)));
        }
        catch (NumberFormatException e) {
            e.printStackTrace();
            return ResponseEntity.badRequest().build();
        }
    }
}
