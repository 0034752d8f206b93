package io.ficus.shop.system;

import io.ficus.platform.web.ProblemDetailsAdvice;
import io.ficus.shop.DomainException;
import io.ficus.testing.FailingController;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A domain refusal gets its kind's status from {@link DomainProblems} although the shared advice (given first here)
 * has a catch-all; an unforeseen failure still falls through to the shared advice's opaque 500.
 */
class DomainProblemsTests {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController(), new RefusingController())
            .setControllerAdvice(new ProblemDetailsAdvice(), new DomainProblems()).build();

    @Test
    void eachKindOfDomainRefusalHasItsStatusAndTheModulesWording() throws Exception {
        mvc.perform(get("/refuses/NOT_FOUND")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("refused as NOT_FOUND"));
        mvc.perform(get("/refuses/CONFLICT")).andExpect(status().isConflict());
        mvc.perform(get("/refuses/UNPROCESSABLE")).andExpect(status().isUnprocessableContent());
        mvc.perform(get("/refuses/UNAVAILABLE")).andExpect(status().isServiceUnavailable());
    }

    @Test
    void anUnexpectedExceptionIsStillTheSharedOpaque500() throws Exception {
        mvc.perform(get("/fails"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred; it has been logged"))
                .andExpect(content().string(not(containsString("secret"))));
    }

    @RestController
    static class RefusingController {

        @GetMapping("/refuses/{kind}")
        String refuse(@PathVariable DomainException.Kind kind) {
            throw new DomainException(kind, "refused as " + kind) {
            };
        }
    }
}
