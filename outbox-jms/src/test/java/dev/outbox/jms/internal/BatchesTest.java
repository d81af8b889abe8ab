package dev.outbox.jms.internal;

import static dev.outbox.jms.internal.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.outbox.admin.OutboxRecord;

/**
 * A destination the broker refuses for security is paused in the pause table, which the claim
 * honours, so the others go on; its records are charged nothing, and the pause is lifted after the
 * maximum backoff.
 */
class BatchesTest {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final String BY = RefusedDestinations.PAUSED_BY;

    private final DrainLoopTest.MutableClock clock =
            new DrainLoopTest.MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final FakeWorker worker = new FakeWorker(clock);
    private final Batches batches = new Batches(worker, 10, FIRST, MAX_BACKOFF, clock);
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
        assertEquals(Map.of("orders", BY), worker.pausedBy());
        assertEquals(2, batches.next(), "the claim leaves orders out: billing's records are sent");
        assertEquals(List.of("b1", "b2"), worker.sent);
        assertEquals(0, batches.next(), "only orders' records wait, paused: the drain ends");
        assertEquals(1, log.count("OUTBOX0322W"), log.toString());
        assertTrue(log.lines("OUTBOX0322W").get(0).contains("orders"), log.toString());
        assertTrue(log.lines("OUTBOX0322W").get(0).contains(BY), log.toString());

        assertEquals(0, worker.resumeRefused(clock.instant().minus(MAX_BACKOFF)), "not yet");
        clock.advance(MAX_BACKOFF.plusSeconds(1));
        assertEquals(1, worker.resumeRefused(clock.instant().minus(MAX_BACKOFF)));
        assertEquals(10, batches.next(), "tried again after the pause, refused again");
        assertEquals(Map.of("orders", BY), worker.pausedBy(), "paused again");
        assertEquals(1, log.count("OUTBOX0322W"), "warned once");

        worker.refused.clear();
        clock.advance(MAX_BACKOFF.plusSeconds(1));
        worker.resumeRefused(clock.instant().minus(MAX_BACKOFF));
        assertEquals(2, batches.next());
        assertEquals(List.of("b1", "b2", "a1", "a2"), worker.sent);
        assertEquals(1, log.count("OUTBOX0323I"), log.toString());
        assertTrue(log.lines("OUTBOX0323I").get(0).contains("after 2 refused"), log.toString());
        assertEquals(List.of(), worker.failures, "no record was charged an attempt");
    }

    @Test
    void aBatchRefusedAtCommitPausesItsOneDestination() throws DispatchException {
        worker.pending.addAll(List.of(record("a1", "orders"), record("a2", "orders")));
        worker.refused.add("orders");
        worker.atCommit = true;
        assertEquals(10, batches.next());
        assertEquals(0, batches.next());
        assertEquals(Map.of("orders", BY), worker.pausedBy());
        assertEquals(1, log.count("OUTBOX0322W"), log.toString());
        assertEquals(List.of(), worker.failures, "no record is quarantined");
    }

    /** Finding 9 of the fault suite: a full address that fails senders charged every record. */
    @Test
    void aFullAddressPausesItsDestinationAloneAndChargesNoRecord() throws DispatchException {
        worker.pending.addAll(
                List.of(
                        record("a1", "orders"),
                        record("b1", "billing"),
                        record("a2", "orders"),
                        record("b2", "billing")));
        worker.full.add("orders");
        worker.atCommit = true;

        assertEquals(10, batches.next(), "refused at commit: the batch is halved");
        int rounds = 1;
        while (batches.next() == 10) {
            // the isolation narrows the refused batch down to orders' records
            assertTrue(++rounds < 10, "the drain ends");
        }
        assertEquals(
                Map.of("orders", RefusedDestinations.PAUSED_BY_FULL),
                worker.pausedBy(),
                "paused as full, not as a security refusal");
        assertEquals(List.of("b1", "b2"), worker.sent, "billing goes on");
        assertEquals(List.of(), worker.failures, "no record is charged an attempt");
        assertEquals(1, log.count("OUTBOX0325W"), log.toString());
        assertEquals(0, log.count("OUTBOX0322W"), log.toString());

        worker.full.clear();
        clock.advance(MAX_BACKOFF.plusSeconds(1));
        assertEquals(1, worker.resumeRefused(clock.instant().minus(MAX_BACKOFF)));
        assertEquals(2, batches.next(), "room again: orders' records are sent");
        assertEquals(List.of("b1", "b2", "a1", "a2"), worker.sent);
        assertEquals(1, log.count("OUTBOX0323I"), log.toString());
    }

    /**
     * Finding 11 of the fault suite: in XA mode a lone record whose own send filled the address
     * failed the prepare, the transaction manager said only "rolled back", and the record was
     * charged. Sent alone again, it meets the full address at send: its destination pauses and the
     * record is charged nothing. A record refused alone twice is charged.
     */
    @Test
    void aLoneRecordRolledBackWithoutACauseIsChargedOnlyWhenRefusedAloneTwice()
            throws DispatchException {
        worker.pending.add(record("a1", "orders")); // immediate dispatch: a batch of one
        worker.fillOnPrepare.add("orders");
        assertEquals(10, batches.next(), "rolled back: tried again at once");
        assertEquals(10, batches.next(), "refused at send: the destination pauses");
        assertEquals(0, batches.next());
        assertEquals(
                Map.of("orders", RefusedDestinations.PAUSED_BY_FULL),
                worker.pausedBy(),
                "the second try met the full address at send");
        assertEquals(List.of(), worker.failures, "a1 is charged nothing");

        worker.pending.add(record("p1", "billing"));
        worker.rolledBack.add("p1");
        assertEquals(10, batches.next(), "rolled back: tried again at once");
        assertEquals(10, batches.next(), "rolled back again");
        assertEquals(List.of("p1"), worker.failures, "a record refused alone twice is charged");
        assertEquals(0, batches.next());
        assertEquals(List.of(), worker.sent);

        worker.full.clear();
        clock.advance(MAX_BACKOFF.plusSeconds(1));
        assertEquals(1, batches.liftFull());
        worker.pending.add(0, record("p1", "billing")); // its retry is due
        assertEquals(10, batches.next(), "p1 is sent alone and refused: charged at once");
        assertEquals(List.of("p1", "p1"), worker.failures);
        assertEquals(1, batches.next());
        assertEquals(List.of("a1"), worker.sent, "no attempt was charged to a1");
    }

    /**
     * Finding 10 of the fault suite: a full address whose consumers came back waited the whole
     * maximum backoff between fills; its pause is lifted after the relay interval, doubling while
     * it stays full, and starts short again once the broker takes its records.
     */
    @Test
    void aFullAddressIsTriedAgainSoonDoublingWhileItStaysFull() throws DispatchException {
        worker.pending.addAll(List.of(record("a1", "orders"), record("a2", "orders")));
        worker.full.add("orders");
        assertEquals(10, batches.next());
        assertEquals(Map.of("orders", RefusedDestinations.PAUSED_BY_FULL), worker.pausedBy());
        assertTrue(log.lines("OUTBOX0325W").get(0).contains("again after 1s"), log.toString());

        assertEquals(0, batches.liftFull(), "not before the relay interval");
        clock.advance(FIRST);
        assertEquals(1, batches.liftFull(), "lifted after the relay interval");
        assertEquals(0, batches.liftFull(), "once");
        assertEquals(10, batches.next(), "still full: paused again");
        clock.advance(FIRST);
        assertEquals(0, batches.liftFull(), "the second pause lasts twice as long");
        clock.advance(FIRST);
        assertEquals(1, batches.liftFull());

        worker.full.clear();
        assertEquals(2, batches.next(), "room again: orders' records are sent");
        assertEquals(List.of(), worker.failures, "no record is charged an attempt");
        worker.pending.add(record("a3", "orders"));
        worker.full.add("orders");
        assertEquals(10, batches.next());
        clock.advance(FIRST);
        assertEquals(1, batches.liftFull(), "short again after the broker took its records");
        worker.full.clear();
        assertEquals(1, batches.next());
        assertEquals(1, log.count("OUTBOX0325W"), "refused again soon after: " + log);
        assertEquals(1, log.count("OUTBOX0323I"), "recovered again soon after: " + log);

        clock.advance(RelayPause.SUMMARY_EVERY);
        worker.pending.add(record("a4", "orders"));
        worker.full.add("orders");
        assertEquals(10, batches.next());
        assertEquals(2, log.count("OUTBOX0325W"), "refused long after it recovered: " + log);
    }

    /** An operator's pause, or another pauser's, is never lifted by the full-address backoff. */
    @Test
    void theFullAddressBackoffLiftsOnlyItsOwnPause() throws DispatchException {
        worker.pending.add(record("a1", "orders"));
        worker.full.add("orders");
        assertEquals(10, batches.next());
        worker.pauses.put("orders", new FakeWorker.Pause(clock.instant(), "operator"));
        clock.advance(MAX_BACKOFF);
        assertEquals(0, batches.liftFull());
        assertEquals(Map.of("orders", "operator"), worker.pausedBy());
    }

    @Test
    void aSendThatLostTheBrokerPausesTheRelayAndChargesNoRecord() {
        worker.pending.addAll(List.of(record("a1", "orders"), record("b1", "billing")));
        worker.unreachable.add("orders");
        DispatchException e = assertThrows(DispatchException.class, batches::next);
        assertEquals(DispatchException.Kind.RELAY, e.kind(), "the relay pauses as for an outage");
        assertEquals(List.of(), worker.failures, "no record is charged an attempt");
        assertEquals(2, worker.pending.size());
    }

    @Test
    void aPauseTheDatabaseCannotTakeFailsTheBatchAsTheDatabase() {
        worker.pending.add(record("a1", "orders"));
        worker.refused.add("orders");
        worker.pauseFailure = new IllegalStateException("database away");
        assertThrows(IllegalStateException.class, batches::next, "the relay pauses");
        assertEquals(List.of(), worker.failures);
        assertEquals(Map.of(), worker.pausedBy());
    }

    /**
     * The relay's runner, with the batch size of orders' records due before any other: they fill
     * every claim until orders is paused where the claim sees it, and then billing's are sent in
     * the same drain. Once the pause is older than the maximum backoff, the housekeeping lifts it
     * and the runner drains again at once.
     */
    @Test
    void aRefusedDestinationWhoseRecordsFillTheClaimsStarvesNoOther() {
        FakeWorker w = new FakeWorker(clock);
        Batches small = new Batches(w, 2, FIRST, MAX_BACKOFF, clock);
        DrainLoop loop = new DrainLoop(work(small, w), null, clock, limits(2));
        w.pending.addAll(
                List.of(
                        record("o1", "orders"),
                        record("o2", "orders"),
                        record("o3", "orders"),
                        record("b1", "billing"),
                        record("b2", "billing"),
                        record("b3", "billing")));
        w.refused.add("orders");

        loop.tick();
        assertEquals(List.of("b1", "b2", "b3"), w.sent, "billing is not held behind orders");
        assertFalse(loop.failing(), "the relay as a whole does not pause");
        assertEquals(Map.of("orders", BY), w.pausedBy());

        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertEquals(Map.of("orders", BY), w.pausedBy(), "not lifted before the backoff");

        w.refused.clear();
        clock.advance(MAX_BACKOFF);
        loop.tick();
        assertEquals(Map.of(), w.pausedBy(), "lifted by the housekeeping");
        assertEquals(List.of("b1", "b2", "b3", "o1", "o2", "o3"), w.sent, "sent in the same tick");
        assertEquals(1, log.count("OUTBOX0322W"), log.toString());
        assertEquals(1, log.count("OUTBOX0323I"), log.toString());
        assertEquals(List.of(), w.failures);
    }

    private static RelayLimits limits(int batchSize) {
        return new RelayLimits(
                batchSize, Duration.ofSeconds(1), MAX_BACKOFF, Duration.ZERO, 50, 60);
    }

    /** The relay's work as {@link Relay} builds it, over the fake worker. */
    private static RelayWork work(Batches batches, FakeWorker worker) {
        return new RelayWork() {
            @Override
            public int batch() throws DispatchException {
                return batches.next();
            }

            @Override
            public int purge() {
                return 0;
            }

            @Override
            public void sweep() {}

            @Override
            public int liftRefusals(Instant olderThan) {
                return batches.liftFull() + worker.resumeRefused(olderThan);
            }
        };
    }

    /**
     * Sends from a list; refuses the destinations named, on send or at commit; keeps the pause
     * table as the store does (insert if absent; the claim leaves paused destinations out).
     */
    static final class FakeWorker extends RelayWorker {
        final List<OutboxRecord> pending = new ArrayList<>();
        final Set<String> refused = new HashSet<>();
        final Set<String> unreachable = new HashSet<>();
        final Set<String> full = new HashSet<>();
        final Set<String> fillOnPrepare = new HashSet<>();
        final Set<String> rolledBack = new HashSet<>();
        final List<String> sent = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final Map<String, Pause> pauses = new LinkedHashMap<>();
        boolean atCommit;
        RuntimeException pauseFailure;
        private final Clock clock;

        FakeWorker(Clock clock) {
            this.clock = clock;
        }

        /** A row of the pause table. */
        record Pause(Instant at, String by) {}

        /**
         * @return who paused each paused destination
         */
        Map<String, String> pausedBy() {
            Map<String, String> by = new LinkedHashMap<>();
            pauses.forEach((d, p) -> by.put(d, p.by()));
            return by;
        }

        @Override
        public int relayBatch(
                int limit, UnaryOperator<List<OutboxRecord>> trim, List<OutboxRecord> sending)
                throws DispatchException {
            List<OutboxRecord> claimed =
                    pending.stream()
                            .filter(r -> !pauses.containsKey(r.destination()))
                            .limit(limit)
                            .toList();
            if (claimed.isEmpty()) {
                return 0;
            }
            List<OutboxRecord> batch = trim.apply(claimed);
            sending.addAll(batch);
            for (OutboxRecord r : batch) {
                if (unreachable.contains(r.destination())) {
                    throw Failures.onSend(
                            r,
                            new JMSException(
                                    "AMQ219014: Timed out waiting for response when sending"
                                            + " packet 71"));
                }
                if (full.contains(r.destination())) {
                    // as Artemis's JMS client reports a full address whose policy is FAIL
                    JMSException e =
                            new JMSException(
                                    "AMQ219058: Address \""
                                            + r.destination()
                                            + "\" is full. Message encode size = 1391B");
                    throw atCommit ? Failures.onCommit(e) : Failures.onSend(r, e);
                }
                if (refused.contains(r.destination())) {
                    JMSSecurityException e =
                            new JMSSecurityException(
                                    "AMQ229032: User: relay does not have permission='SEND' on"
                                            + " address "
                                            + r.destination());
                    throw atCommit ? Failures.onCommit(e) : Failures.onSend(r, e);
                }
            }
            for (OutboxRecord r : batch) {
                if (rolledBack.contains(r.id()) || fillOnPrepare.remove(r.destination())) {
                    if (!rolledBack.contains(r.id())) {
                        // the record's own send filled the address: the client knows it now
                        full.add(r.destination());
                    }
                    // as Liberty's transaction manager reports a prepare the broker failed
                    throw new EJBTransactionRolledbackException(
                            "commit failed", new RollbackException());
                }
            }
            pending.removeAll(batch);
            batch.forEach(r -> sent.add(r.id()));
            return claimed.size();
        }

        @Override
        public void pauseRefused(String destination, String by) {
            if (pauseFailure != null) {
                throw pauseFailure;
            }
            pauses.putIfAbsent(destination, new Pause(clock.instant(), by));
        }

        @Override
        public boolean resumeFull(String destination) {
            Pause p = pauses.get(destination);
            return p != null
                    && p.by().equals(RefusedDestinations.PAUSED_BY_FULL)
                    && pauses.remove(destination) != null;
        }

        @Override
        public int resumeRefused(Instant olderThan) {
            int before = pauses.size();
            pauses.values()
                    .removeIf(
                            p ->
                                    RefusedDestinations.RELAY_PAUSES.contains(p.by())
                                            && p.at().isBefore(olderThan));
            return before - pauses.size();
        }

        @Override
        public void recordFailure(DispatchException failure) {
            failures.add(failure.record().id());
        }

        @Override
        public void recordFailure(OutboxRecord r, DispatchException.Kind kind, String error) {
            failures.add(r.id());
            pending.remove(r); // retried after its backoff, beyond this test
        }
    }
}
