package io.ficus.testing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller that fails in an unforeseen way, for error-handling tests. It lives outside
 * {@code io.ficus.shop} so that no application context's component scan picks it up.
 */
@RestController
public class FailingController {

    @GetMapping("/fails")
    String fail() {
        throw new IllegalStateException("connection string with a secret");
    }
}
