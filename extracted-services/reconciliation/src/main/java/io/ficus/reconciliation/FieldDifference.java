package io.ficus.reconciliation;

/**
 * One field of one record that differs between the two sides; values are JSON text, {@code <absent>} when the
 * side does not have the field at all.
 */
public record FieldDifference(String key, String field, String left, String right) {

    @Override
    public String toString() {
        return key + " " + field + ": left " + left + ", right " + right;
    }
}
