package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The insert's wait grows by doubling, is capped, and ends at its bound. */
class InsertWaitTest {

    private static final long MS = 1_000_000;

    @Test
    void pausesDoubleUpToTheCapAndStopAtTheBound() {
        AtomicLong now = new AtomicLong(1_000 * MS);
        InsertWait wait = new InsertWait(Duration.ofSeconds(1), now::get);
        List<Long> pauses = new ArrayList<>();
        long pause;
        while ((pause = wait.nextPause()) > 0) {
            pauses.add(pause);
            now.addAndGet(pause * MS);
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 250L, 250L, 185L), pauses);
        assertEquals(1000L, pauses.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void timeSpentInStatementsCountsAgainstTheBound() {
        AtomicLong now = new AtomicLong();
        InsertWait wait = new InsertWait(Duration.ofMillis(100), now::get);
        assertEquals(5, wait.nextPause());
        now.addAndGet(98 * MS); // the insert and the check took their time
        assertEquals(2, wait.nextPause());
        now.addAndGet(2 * MS);
        assertEquals(0, wait.nextPause());
    }
}
