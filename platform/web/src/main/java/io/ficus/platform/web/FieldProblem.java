package io.ficus.platform.web;

/**
 * One invalid field (a JSON path such as {@code lines[0].quantity}) or parameter and what is wrong with it: an
 * element of the {@code errors} list of a 400 problem.
 */
public record FieldProblem(String field, String message) {
}
