package org.example.rentals.bike;

import java.util.List;

import org.example.rentals.model.NamedEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the bikes over HTTP. */
@RestController
public class BikeController {

    @Autowired
    private BikeRepository bikes;

    @GetMapping("/bikes")
    public List<String> list() {
        return bikes.findAll().stream().map(BikeController::label).toList();
    }

    static String label(NamedEntity entity) {
        return entity.getName();
    }
}
