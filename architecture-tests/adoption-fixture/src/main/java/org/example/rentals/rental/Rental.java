package org.example.rentals.rental;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.example.rentals.model.BaseEntity;
import org.example.rentals.system.time.RentalPeriod;

/** One bike rented by one customer for a period. */
@Entity
@Table(name = "rentals")
public class Rental extends BaseEntity {

    @Column(name = "customer_id")
    private Integer customerId;

    @Column(name = "bike_id")
    private Integer bikeId;

    @Column(name = "starts_on")
    private LocalDate from;

    @Column(name = "ends_on")
    private LocalDate until;

    public Integer getCustomerId() {
        return customerId;
    }

    public void setCustomerId(Integer customerId) {
        this.customerId = customerId;
    }

    public Integer getBikeId() {
        return bikeId;
    }

    public void setBikeId(Integer bikeId) {
        this.bikeId = bikeId;
    }

    public RentalPeriod period() {
        return new RentalPeriod(from, until);
    }

    public void setPeriod(RentalPeriod period) {
        this.from = period.from();
        this.until = period.until();
    }
}
