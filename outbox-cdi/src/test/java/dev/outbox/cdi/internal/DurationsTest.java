package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    private static final Duration MAX = Duration.ofDays(3650);

    private static Duration parse(String text) {
        return Durations.parse(text, Duration.ZERO, MAX);
    }

    @Test
    void readsShortFormsAndIso8601() {
        assertEquals(Duration.ofMillis(250), parse("250ms"));
        assertEquals(Duration.ofSeconds(90), parse("90s"));
        assertEquals(Duration.ofMinutes(5), parse("5M"));
        assertEquals(Duration.ofSeconds(90), parse("1.5m"));
        assertEquals(Duration.ofHours(2), parse(" 2 h "));
        assertEquals(Duration.ofDays(7), parse("7d"));
        assertEquals(Duration.ofMinutes(10), parse("PT10M"));
        assertEquals(Duration.ofMillis(500), parse("PT0.5S"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad :
                new String[] {
                    "", "5", "-5m", "PT-1S", "5 minutes", "1w", "1e3s", "99999999999999d", null
                }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertEquals(
                    "expected a duration from 0ms to 3650d such as 500ms, 2s, 5m, 1h, 7d or"
                            + " PT0.5S",
                    e.getMessage());
        }
    }

    @Test
    void refusesValuesOutsideTheBounds() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Durations.parse("500ms", Duration.ofSeconds(1), MAX));
        assertThrows(IllegalArgumentException.class, () -> parse("3651d"));
        assertEquals(MAX, parse("3650d"));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("7d", Durations.format(Duration.ofDays(7)));
        assertEquals("0ms", Durations.format(Duration.ZERO));
    }
}
