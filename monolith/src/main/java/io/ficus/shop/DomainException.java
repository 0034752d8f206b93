package io.ficus.shop;

/**
 * A business rule refused a request. Modules throw their own subclasses (an unknown SKU, a product that already
 * exists, an unreachable catalog); {@code system.DomainProblems} alone turns the kind into an HTTP status, so no
 * service knows about HTTP.
 */
public abstract class DomainException extends RuntimeException {

    /** What kind of refusal it is; the HTTP status follows from it in one place. */
    public enum Kind {
        /** the thing asked for does not exist (404) */
        NOT_FOUND,
        /** it exists already or clashes with the current state (409) */
        CONFLICT,
        /** well-formed but not acceptable as a whole (422) */
        UNPROCESSABLE,
        /** a dependency could not answer soundly; try again later (503) */
        UNAVAILABLE
    }

    private final Kind kind;

    protected DomainException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
