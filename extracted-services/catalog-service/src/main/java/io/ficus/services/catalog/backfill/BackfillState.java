package io.ficus.services.catalog.backfill;

/**
 * Where the copy from the monolith stands.
 *
 * @param status     {@code RUNNING} (also after a crash), {@code COMPLETED} or {@code FAILED} (gave up)
 * @param cursor     last SKU copied; the next page starts after it (null = nothing copied yet)
 * @param rowsCopied products copied so far, over all runs
 * @param lastError  why it gave up, when it did
 */
record BackfillState(String status, String cursor, long rowsCopied, String lastError) {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    boolean completed() {
        return COMPLETED.equals(status);
    }
}
