package dev.outbox.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class QueryDurationsTest {

    @Test
    void readsShortFormsAndIso8601() {
        assertEquals(Duration.ofSeconds(90), QueryDurations.parse("90s"));
        assertEquals(Duration.ofMinutes(5), QueryDurations.parse("5M"));
        assertEquals(Duration.ofHours(2), QueryDurations.parse(" 2h "));
        assertEquals(Duration.ofDays(7), QueryDurations.parse("7d"));
        assertEquals(Duration.ofMinutes(10), QueryDurations.parse("PT10M"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "5", "-5m", "PT-1S", "5 minutes", "1w"}) {
            assertThrows(IllegalArgumentException.class, () -> QueryDurations.parse(bad), bad);
        }
    }
}
