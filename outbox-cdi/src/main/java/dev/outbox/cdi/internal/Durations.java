package dev.outbox.cdi.internal;

import java.time.Duration;

/** Formats durations the way the configuration accepts them. */
public final class Durations {

    private Durations() {}

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
