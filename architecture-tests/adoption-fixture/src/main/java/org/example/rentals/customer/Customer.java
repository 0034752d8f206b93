package org.example.rentals.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.example.rentals.model.Person;

/** A customer who rents bikes. */
@Entity
@Table(name = "customers")
public class Customer extends Person {

    @Column(name = "email")
    private String email;

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }
}
