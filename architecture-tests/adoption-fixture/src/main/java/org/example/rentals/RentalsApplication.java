package org.example.rentals;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Starts the bike-rental application; {@code model} holds the base entities every feature package builds on. */
@SpringBootApplication
@Modulithic(sharedModules = "model")
public class RentalsApplication {

    public static void main(String[] args) {
        SpringApplication.run(RentalsApplication.class, args);
    }
}
