package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.outbox.cdi.internal.Msg;

/** The relay's own backoff: doubling pauses, one warning, summaries, one line at the end. */
class RelayPauseTest {

    private final Instant t0 = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void pausesDoubleUpToTheMaximumAndEndOnSuccess() {
        RelayPause pause = new RelayPause(Duration.ofMillis(200), Duration.ofSeconds(1));
        assertTrue(pause.mayTry(t0));
        assertEquals(RelayPause.Report.FIRST, pause.failed(t0));
        assertFalse(pause.mayTry(t0.plusMillis(199)));
        assertTrue(pause.mayTry(t0.plusMillis(200)));
        Instant t = t0.plusMillis(200);
        pause.failed(t); // 400 ms
        assertFalse(pause.mayTry(t.plusMillis(399)));
        assertTrue(pause.mayTry(t.plusMillis(400)));
        t = t.plusMillis(400);
        pause.failed(t); // 800 ms
        t = t.plusMillis(800);
        pause.failed(t); // capped at 1 s
        assertFalse(pause.mayTry(t.plusMillis(999)));
        assertTrue(pause.mayTry(t.plusSeconds(1)));
        assertEquals(4, pause.failures());
        assertEquals(Duration.ofMillis(1400), pause.failingFor(t));
        assertEquals(4, pause.succeeded());
        assertFalse(pause.failing());
        assertTrue(pause.mayTry(t));
        assertEquals(RelayPause.Report.FIRST, pause.failed(t), "a new outage warns again");
    }

    @Test
    void aLongOutageLogsASummaryEveryFiveMinutesAndNothingBetween() {
        RelayPause pause = new RelayPause(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(RelayPause.Report.FIRST, pause.failed(t0));
        int summaries = 0;
        int silent = 0;
        for (int s = 30; s <= 900; s += 30) {
            switch (pause.failed(t0.plusSeconds(s))) {
                case SUMMARY -> summaries++;
                case NOTHING -> silent++;
                case FIRST -> throw new AssertionError("warned twice");
            }
        }
        assertEquals(3, summaries, "at 5, 10 and 15 minutes");
        assertEquals(27, silent);
    }

    @Test
    void theRecoveryLineNamesTheFailuresAndHowLongOnce() {
        try (LogCapture log = new LogCapture()) {
            RelayPause pause = new RelayPause(Duration.ofSeconds(1), Duration.ofSeconds(8));
            pause.recovered(t0, Msg.RELAY_DESTINATION_ACCEPTED, "orders");
            assertEquals(0, log.count("OUTBOX0323I"), "nothing failed");
            pause.failed(t0);
            pause.failed(t0.plusSeconds(1));
            pause.recovered(t0.plusSeconds(3), Msg.RELAY_DESTINATION_ACCEPTED, "orders");
            pause.recovered(t0.plusSeconds(4), Msg.RELAY_DESTINATION_ACCEPTED, "orders");
            assertEquals(
                    List.of(
                            "OUTBOX0323I: The broker lets the relay send to orders again after 2"
                                    + " refused attempts over 3s"),
                    log.lines("OUTBOX0323I"));
            assertFalse(pause.failing());
            assertTrue(pause.mayTry(t0.plusSeconds(3)));
        }
    }
}
