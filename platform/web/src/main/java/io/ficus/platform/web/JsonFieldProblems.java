package io.ficus.platform.web;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Names the field a JSON body was refused for (for example {@code lines[0].quantity}) and says why, without
 * echoing the offending value back: Jackson's messages quote input, which may hold control characters.
 */
final class JsonFieldProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"([^\"]{1,100})\"");

    private JsonFieldProblems() {
    }

    static Optional<FieldProblem> of(Throwable failure) {
        JacksonException json = jacksonCause(failure);
        if (json == null) {
            return Optional.empty();
        }
        String path = pathOf(json.getPath());
        String message = json.getOriginalMessage() == null ? "" : json.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return Optional.of(new FieldProblem(join(path, duplicate.group(1)), "appears more than once"));
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (json instanceof UnrecognizedPropertyException) {
            return Optional.of(new FieldProblem(path, "is not a known field"));
        }
        if (json instanceof MismatchedInputException mismatch) {
            return Optional.of(new FieldProblem(path, reasonOf(mismatch, message)));
        }
        // malformed JSON (a truncated body, a stray character): no single field is to blame
        return Optional.empty();
    }

    private static String reasonOf(MismatchedInputException mismatch, String message) {
        if (message.startsWith("contains ")) {
            return message;
        }
        Class<?> target = mismatch.getTargetType();
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be a JSON integer";
        }
        if (target == String.class) {
            return "must be a JSON string";
        }
        return "has a value of the wrong type";
    }

    private static String pathOf(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static JacksonException jacksonCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }
}
