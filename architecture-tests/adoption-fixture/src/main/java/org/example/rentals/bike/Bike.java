package org.example.rentals.bike;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.example.rentals.model.NamedEntity;

/** A bike that can be rented by the day. */
@Entity
@Table(name = "bikes")
public class Bike extends NamedEntity {

    @Column(name = "daily_rate")
    private BigDecimal dailyRate;

    public BigDecimal getDailyRate() {
        return dailyRate;
    }

    public void setDailyRate(BigDecimal dailyRate) {
        this.dailyRate = dailyRate;
    }
}
