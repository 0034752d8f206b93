package io.ficus.platform.web.testapp;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that reach each kind of refusal the shared edge answers. */
@RestController
@RequestMapping("/plants")
class SampleController {

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Plant create(@Valid @RequestBody Plant plant) {
        return plant;
    }

    @GetMapping
    String search(@RequestParam @Size(max = 5) String q, @RequestParam(defaultValue = "0") @Max(10) int page) {
        return q + page;
    }

    @GetMapping("/{id}")
    Plant one(@PathVariable long id) {
        return new Plant("plant " + id, 1, null);
    }

    @GetMapping("/broken")
    Plant broken() {
        throw new IllegalStateException("secret internals");
    }

    @GetMapping("/taken")
    Plant taken() {
        throw new PlantTaken();
    }

    @GetMapping("/unavailable")
    void unavailable(HttpServletResponse response) throws IOException {
        // an error raised through the servlet container, which sends it to the error controller
        response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
    }

    record Plant(@NotBlank String name, @NotNull Integer count, @Size(max = 10) String note) {
    }

    /** The app's own refusal, mapped by the app's own advice. */
    static final class PlantTaken extends RuntimeException {

        PlantTaken() {
            super("That plant is taken");
        }
    }
}
