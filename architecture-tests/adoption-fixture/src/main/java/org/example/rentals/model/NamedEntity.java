package org.example.rentals.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A persistent type with a display name. */
@MappedSuperclass
public class NamedEntity extends BaseEntity {

    @Column(name = "name")
    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
