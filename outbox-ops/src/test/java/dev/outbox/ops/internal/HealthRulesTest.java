package dev.outbox.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outbox.admin.DestinationBacklog;

class HealthRulesTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void readyWhenTheRelayWorksAndNothingIsOld() {
        HealthRules.Verdict v =
                HealthRules.readiness(
                        true,
                        false,
                        List.of(new DestinationBacklog("a", 3, 1, 2, NOW.minusSeconds(10), false)),
                        false,
                        MAX,
                        NOW);
        assertTrue(v.up(), v.reason());
        assertEquals("running", v.data().get("relay"));
        assertEquals(3L, v.data().get("pending"));
        assertEquals(1L, v.data().get("failed"));
        assertEquals(2L, v.data().get("quarantined"));
        assertEquals(10L, v.data().get("oldestPendingAgeSeconds"));
        assertEquals(300L, v.data().get("maxPendingAgeSeconds"));
        assertEquals("", v.data().get("conditions"));
        assertEquals(Map.of(), v.conditions());
    }

    @Test
    void aBrokerOutageIsAConditionInTheDataButReadinessStaysUp() {
        DestinationBacklog waiting =
                new DestinationBacklog("orders", 40, 0, 0, NOW.minusSeconds(600), false);
        HealthRules.Verdict v =
                HealthRules.readiness(true, true, List.of(waiting), false, MAX, NOW);
        assertTrue(v.up(), "a broker outage is what the outbox absorbs");
        assertEquals("failing", v.data().get("relay"));
        assertEquals(40L, v.data().get("pending"));
        assertEquals("broker-unreachable,records-waiting", v.data().get("conditions"));
        assertEquals("orders", v.data().get("stalledDestinations"));
        assertTrue(v.conditions().get(HealthRules.BROKER_UNREACHABLE).contains("OUTBOX0306W"));
        assertTrue(v.conditions().get(HealthRules.RECORDS_WAITING).contains("orders"));
        assertEquals("", v.reason());
    }

    @Test
    void withStrictReadinessTheRelaysConditionsMakeItDown() {
        HealthRules.Verdict v = HealthRules.readiness(true, true, List.of(), true, MAX, NOW);
        assertFalse(v.up());
        assertEquals("broker-unreachable", v.reason());
    }

    @Test
    void unreadableTablesMakeReadinessDownWithACodeAndNoExceptionText() {
        for (boolean strict : new boolean[] {false, true}) {
            HealthRules.Verdict v = HealthRules.readiness(true, false, null, strict, MAX, NOW);
            assertFalse(v.up());
            assertEquals("unreachable", v.data().get("database"));
            assertEquals("database-unreachable", v.reason());
            assertEquals("database-unreachable", v.data().get("conditions"));
        }
    }

    @Test
    void aRecordWaitingTooLongIsAConditionUnlessItsDestinationIsPaused() {
        DestinationBacklog old =
                new DestinationBacklog("slow", 1, 0, 0, NOW.minusSeconds(301), false);
        DestinationBacklog paused =
                new DestinationBacklog("held", 5, 0, 0, NOW.minusSeconds(3600), true);
        HealthRules.Verdict v =
                HealthRules.readiness(true, false, List.of(old, paused), false, MAX, NOW);
        assertTrue(v.up());
        assertEquals("records-waiting", v.data().get("conditions"));
        assertEquals("slow", v.data().get("stalledDestinations"));
        assertEquals("held", v.data().get("pausedDestinations"));
        assertEquals(301L, v.data().get("oldestPendingAgeSeconds"));
        assertFalse(HealthRules.readiness(true, false, List.of(old), true, MAX, NOW).up());

        HealthRules.Verdict onlyPaused =
                HealthRules.readiness(true, false, List.of(paused), true, MAX, NOW);
        assertTrue(onlyPaused.up());
        assertEquals("", onlyPaused.data().get("conditions"));
    }

    @Test
    void aServerWithoutRelayIsReadyAndAlive() {
        assertTrue(HealthRules.readiness(false, false, List.of(), true, MAX, NOW).up());
        HealthRules.Verdict live =
                HealthRules.liveness(false, null, NOW, Duration.ofSeconds(1), NOW);
        assertTrue(live.up());
        assertEquals("disabled", live.data().get("relay"));
    }

    @Test
    void notAliveWhenTheTimerStopsFiring() {
        Duration interval = Duration.ofSeconds(1);
        assertEquals(Duration.ofSeconds(30), HealthRules.stallLimit(interval));
        assertEquals(Duration.ofSeconds(50), HealthRules.stallLimit(Duration.ofSeconds(5)));
        assertTrue(HealthRules.liveness(true, NOW.minusSeconds(29), NOW, interval, NOW).up());
        HealthRules.Verdict stalled =
                HealthRules.liveness(true, NOW.minusSeconds(31), NOW, interval, NOW);
        assertFalse(stalled.up());
        assertEquals(31_000L, stalled.data().get("lastRunMillisAgo"));
        assertTrue(stalled.reason().contains("has not run"), stalled.reason());
    }

    @Test
    void aRelayThatNeverRanCountsFromWhenTheCheckStarted() {
        Duration interval = Duration.ofSeconds(1);
        assertTrue(HealthRules.liveness(true, null, NOW.minusSeconds(5), interval, NOW).up());
        assertFalse(HealthRules.liveness(true, null, NOW.minusSeconds(60), interval, NOW).up());
    }
}
