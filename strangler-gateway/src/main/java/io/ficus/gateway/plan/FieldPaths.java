package io.ficus.gateway.plan;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one spelling of the places two answers can differ: {@code status}, {@code header:content-type},
 * {@code body} (a body that is not JSON) and JSON field paths such as {@code $.items[*].price} or
 * {@code $['odd.name']}. Paths are counted and ignored in this normalized form: every array position is
 * {@code [*]}, header names are lower case.
 */
public final class FieldPaths {

    public static final String ROOT = "$";
    public static final String STATUS = "status";
    public static final String BODY = "body";
    public static final String HEADER_PREFIX = "header:";
    public static final String ANY_ELEMENT = "[*]";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$@-]+");

    private FieldPaths() {
    }

    /** {@code parent} extended by an object field. */
    public static String field(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    public static String header(String name) {
        return HEADER_PREFIX + name.toLowerCase(Locale.ROOT);
    }

    /** True when {@code path} is {@code ignored} or lies beneath it. */
    public static boolean isWithin(String path, String ignored) {
        if (!path.startsWith(ignored)) {
            return false;
        }
        if (path.length() == ignored.length()) {
            return true;
        }
        char next = path.charAt(ignored.length());
        return ignored.startsWith(ROOT) && (next == '.' || next == '[');
    }

    /**
     * The normalized form of a path as an operator writes it ({@code $.items[0].price} becomes
     * {@code $.items[*].price}, {@code header:ETag} becomes {@code header:etag}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String normalize(String written) {
        String text = written == null ? "" : written.trim();
        if (text.equals(STATUS) || text.equals(BODY)) {
            return text;
        }
        if (text.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())
                && text.length() > HEADER_PREFIX.length()) {
            return header(text.substring(HEADER_PREFIX.length()).trim());
        }
        if (!text.startsWith(ROOT)) {
            throw new IllegalArgumentException("'" + written + "' is not a field path: write status, body, "
                    + "header:Name or a JSON path starting with $ (e.g. $.items[*].price)");
        }
        StringBuilder normalized = new StringBuilder(ROOT);
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (!PLAIN_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + written + "': field name '" + name
                            + "' must be written ['" + name + "']");
                }
                normalized.append('.').append(name);
                i = end;
            }
            else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + written + "': [ is not closed");
                }
                String inside = text.substring(i + 1, close);
                if (inside.equals("*") || inside.chars().allMatch(Character::isDigit) && !inside.isEmpty()) {
                    normalized.append(ANY_ELEMENT);
                }
                else if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")) {
                    String parent = normalized.toString();
                    normalized.setLength(0);
                    normalized.append(field(parent, unquote(inside)));
                }
                else {
                    throw new IllegalArgumentException("'" + written + "': [" + inside
                            + "] must be a position, [*] or a quoted field name");
                }
                i = close + 1;
            }
            else {
                throw new IllegalArgumentException("'" + written + "': unexpected '" + c + "' at position " + i);
            }
        }
        return normalized.toString();
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
    }
}
