package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final Backoff noJitter =
            new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0, 10);

    @Test
    void delaysGrowExponentiallyUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(1), noJitter.nominalDelay(1));
        assertEquals(Duration.ofSeconds(2), noJitter.nominalDelay(2));
        assertEquals(Duration.ofSeconds(16), noJitter.nominalDelay(5));
        assertEquals(Duration.ofSeconds(30), noJitter.nominalDelay(6));
        assertEquals(Duration.ofSeconds(30), noJitter.nominalDelay(60));
    }

    @Test
    void nextAttemptIsNowPlusTheDelayUntilAttemptsAreExhausted() {
        Instant now = clock.instant();
        assertEquals(now.plusSeconds(4), noJitter.nextAttempt(3, now, new Random(1)));
        assertEquals(now.plusSeconds(30), noJitter.nextAttempt(9, now, new Random(1)));
        assertNull(noJitter.nextAttempt(10, now, new Random(1)), "the tenth failure is the last");
    }

    @Test
    void jitterSpreadsDelaysWithinItsFraction() {
        Backoff jittered = new Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 0.2, 10);
        Random random = new Random(42);
        Instant now = clock.instant();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1000; i++) {
            long ms = Duration.between(now, jittered.nextAttempt(1, now, random)).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(min >= 8_000 && min < 8_200, "min " + min);
        assertTrue(max <= 12_000 && max > 11_800, "max " + max);
    }
}
