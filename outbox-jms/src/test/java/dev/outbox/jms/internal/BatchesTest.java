package dev.outbox.jms.internal;

import static dev.outbox.jms.internal.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.jms.JMSSecurityException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.outbox.admin.OutboxRecord;

/** A destination the broker refuses for security pauses alone; its records are charged nothing. */
class BatchesTest {

    private final DrainLoopTest.MutableClock clock =
            new DrainLoopTest.MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final FakeWorker worker = new FakeWorker();
    private final Batches batches =
            new Batches(worker, 10, Duration.ofSeconds(1), Duration.ofSeconds(8), clock);
    private final LogCapture log = new LogCapture();

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void aRefusedDestinationPausesWhileTheOthersGoOn() throws DispatchException {
        worker.pending.addAll(
                List.of(
                        record("a1", "orders"),
                        record("b1", "billing"),
                        record("a2", "orders"),
                        record("b2", "billing")));
        worker.refused.add("orders");

        assertEquals(10, batches.next(), "refused: the drain goes on");
        assertEquals(10, batches.next(), "billing's records are sent, orders' wait");
        assertEquals(List.of("b1", "b2"), worker.sent);
        assertEquals(0, batches.next(), "only orders' records are due: the drain ends");
        assertEquals(1, log.count("OUTBOX0322W"), log.toString());
        assertTrue(log.lines("OUTBOX0322W").get(0).contains("orders"), log.toString());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(10, batches.next(), "tried again after the pause, refused again");
        assertEquals(0, batches.next(), "paused again, for longer");
        assertEquals(1, log.count("OUTBOX0322W"), "warned once");

        worker.refused.clear();
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, batches.next());
        assertEquals(List.of("b1", "b2", "a1", "a2"), worker.sent);
        assertEquals(1, log.count("OUTBOX0323I"), log.toString());
        assertEquals(List.of(), worker.failures, "no record was charged an attempt");
    }

    @Test
    void aBatchRefusedAtCommitPausesItsOneDestination() throws DispatchException {
        worker.pending.addAll(List.of(record("a1", "orders"), record("a2", "orders")));
        worker.refused.add("orders");
        worker.atCommit = true;
        assertEquals(10, batches.next());
        assertEquals(0, batches.next());
        assertEquals(1, log.count("OUTBOX0322W"), log.toString());
        assertEquals(List.of(), worker.failures, "no record is quarantined");
    }

    /** Sends from a list; refuses the destinations named, on send or at commit. */
    static final class FakeWorker extends RelayWorker {
        final List<OutboxRecord> pending = new ArrayList<>();
        final Set<String> refused = new HashSet<>();
        final List<String> sent = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        boolean atCommit;

        @Override
        public int relayBatch(
                int limit, UnaryOperator<List<OutboxRecord>> trim, List<OutboxRecord> sending)
                throws DispatchException {
            List<OutboxRecord> claimed =
                    List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
            List<OutboxRecord> batch = trim.apply(claimed);
            if (batch.isEmpty()) {
                return claimed.size();
            }
            sending.addAll(batch);
            for (OutboxRecord r : batch) {
                if (refused.contains(r.destination())) {
                    JMSSecurityException e =
                            new JMSSecurityException(
                                    "AMQ229032: User: relay does not have permission='SEND' on"
                                            + " address "
                                            + r.destination());
                    throw atCommit ? Failures.onCommit(e) : Failures.onSend(r, e);
                }
            }
            pending.removeAll(batch);
            batch.forEach(r -> sent.add(r.id()));
            return claimed.size();
        }

        @Override
        public void recordFailure(DispatchException failure) {
            failures.add(failure.record().id());
        }

        @Override
        public void recordFailure(OutboxRecord r, DispatchException.Kind kind, String error) {
            failures.add(r.id());
        }
    }
}
