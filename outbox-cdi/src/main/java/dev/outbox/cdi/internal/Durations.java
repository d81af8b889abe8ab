package dev.outbox.cdi.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of the outbox, for its configuration and its admin API: {@code 500ms},
 * {@code 2s}, {@code 1.5m}, {@code 1h}, {@code 7d} or ISO-8601 such as {@code PT0.5S}.
 */
public final class Durations {

    private static final Pattern SIMPLE =
            Pattern.compile(
                    "(\\d{1,12}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Durations() {}

    /**
     * @param text the text to read
     * @param min the shortest duration accepted
     * @param max the longest duration accepted
     * @return the duration
     * @throws IllegalArgumentException saying what a valid value looks like
     */
    public static Duration parse(String text, Duration min, Duration max) {
        String expected =
                "expected a duration from "
                        + format(min)
                        + " to "
                        + format(max)
                        + " such as 500ms, 2s, 5m, 1h, 7d or PT0.5S";
        String t = text == null ? "" : text.trim();
        Duration value;
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis =
                    switch (m.group(2).toLowerCase(Locale.ROOT)) {
                        case "ms" -> amount;
                        case "s" -> amount * 1_000;
                        case "m" -> amount * 60_000;
                        case "h" -> amount * 3_600_000;
                        default -> amount * 86_400_000;
                    };
            if (millis > Long.MAX_VALUE / 2) {
                throw new IllegalArgumentException(expected);
            }
            value = Duration.ofMillis(Math.round(millis));
        } else {
            try {
                value = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(expected);
            }
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(expected);
        }
        return value;
    }

    /**
     * @param d a duration
     * @return the shortest of {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 7d} that is
     *     exact
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
