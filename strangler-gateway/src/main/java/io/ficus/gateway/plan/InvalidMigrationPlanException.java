package io.ficus.gateway.plan;

import java.util.List;

/** Thrown at startup when the migration plan cannot be used; the message lists every problem. */
public class InvalidMigrationPlanException extends RuntimeException {

    private final List<String> problems;

    InvalidMigrationPlanException(String location, List<String> problems) {
        super("Invalid migration plan " + location + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
