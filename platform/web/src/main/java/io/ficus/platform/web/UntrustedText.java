package io.ficus.platform.web;

import java.util.Optional;

/**
 * The one rule for text that comes from outside (JSON strings, query parameters, path segments): no control
 * characters (PostgreSQL refuses NUL, logs and terminals misread the others; tab, line feed and carriage return
 * stay allowed) and no bidirectional controls, which make text display differently from what it stores.
 * Strict JSON and {@link RequestHygieneFilter} apply it to every request; {@link SafeText} applies it to any
 * other string an app wants checked.
 */
public final class UntrustedText {

    private UntrustedText() {
    }

    /** Why the text is refused, or empty when it is acceptable; the reason never quotes the text itself. */
    public static Optional<String> problemIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                return Optional.of("contains a control character (U+%04X)".formatted((int) c));
            }
            if (isBidiControl(c)) {
                return Optional.of("contains a bidirectional control character (U+%04X)".formatted((int) c));
            }
        }
        return Optional.empty();
    }

    /** Whether the text passes {@link #problemIn(String)}. */
    public static boolean isAcceptable(String text) {
        return problemIn(text).isEmpty();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
