package dev.outbox.cdi.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for configuration values. Each throws {@link IllegalArgumentException} whose message says
 * what a valid value looks like.
 */
final class Parsers {

    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(b|kb|mb)?", Pattern.CASE_INSENSITIVE);

    private Parsers() {}

    /** Reads a size in bytes: {@code 65536}, {@code 64KB} or {@code 1MB} (powers of 1024). */
    static int size(String text, int min, int max) {
        String expected =
                "expected a size from " + min + " to " + max + " bytes, such as 65536, 64KB or 1MB";
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(expected);
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long value;
        try {
            value =
                    Math.multiplyExact(
                            Long.parseLong(m.group(1)),
                            unit.equals("mb") ? 1024 * 1024 : unit.equals("kb") ? 1024 : 1);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(expected);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(expected);
        }
        return (int) value;
    }

    static boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static String oneOf(String text, String... allowed) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
    }

    static int integer(String text, int min, int max) {
        return (int) number(text, min, max);
    }

    static double decimal(String text, double min, double max) {
        String expected = "expected a number from " + min + " to " + max;
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(expected);
        }
        return value;
    }

    /** Reads a duration in the one grammar of {@link Durations#parse}. */
    static Duration duration(String text, Duration min, Duration max) {
        return Durations.parse(text, min, max);
    }

    static long number(String text, long min, long max) {
        String expected = "expected a whole number from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(expected);
        }
        return value;
    }

    /** A name used as-is on the broker or in JNDI: not blank, no whitespace or control chars. */
    /**
     * @return a security role name: a name, and not one of the wildcards {@code *} and {@code **},
     *     which would let in every (authenticated) user
     */
    static String role(String text) {
        String t = name(text);
        if (t.equals("*") || t.equals("**")) {
            throw new IllegalArgumentException(
                    "a wildcard would let in every user: name the role the users must have");
        }
        return t;
    }

    /** A queue name, or {@code topic://} and a topic name ({@link Destinations}). */
    static String destination(String text) {
        return Destinations.check(name(text));
    }

    static String name(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a name, found an empty value");
        }
        String t = text.trim();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a name must not contain whitespace");
            }
        }
        if (t.length() > 255) {
            throw new IllegalArgumentException("a name must not be longer than 255 characters");
        }
        return t;
    }
}
