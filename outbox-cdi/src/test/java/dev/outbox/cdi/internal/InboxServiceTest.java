package dev.outbox.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.outbox.NoTransactionException;
import dev.outbox.cdi.internal.InboxService.Admission;
import dev.outbox.cdi.internal.InboxService.Position;
import dev.outbox.inbox.Deduplicated.Ordering;

class InboxServiceTest {

    private final FakeStore store = new FakeStore();
    private final FakeRegistry registry = new FakeRegistry();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    logged.add(r);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private final Logger logger = Logger.getLogger("dev.outbox");

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    private InboxService inbox(Map<String, String> config) {
        InboxService s = new InboxService();
        s.store = store;
        s.settings = OutboxSettings.read(ConfigValues.of(config)).orThrow();
        s.counters = new Counters();
        s.firstUse = new NoEvents<>();
        s.transactions = registry;
        return s;
    }

    private static Position key(long seq) {
        return new Position("Order", "o-1", seq);
    }

    @Test
    void aNewMessageIsProcessedAndACopyIsADuplicate() {
        InboxService inbox = inbox(Map.of());
        assertEquals(Admission.PROCESS, inbox.admit("billing", "m1", key(1), Ordering.NONE));
        assertEquals(Admission.DUPLICATE, inbox.admit("billing", "m1", key(1), Ordering.NONE));
        assertEquals(Admission.PROCESS, inbox.admit("shipping", "m1", key(1), Ordering.NONE));
    }

    @Test
    void checkSkipsAnOlderMessageWithAWarningThatSaysHowFarBehind() {
        InboxService inbox = inbox(Map.of());
        assertEquals(Admission.PROCESS, inbox.admit("c", "m5", key(5), Ordering.CHECK));
        assertEquals(Admission.OLDER, inbox.admit("c", "m2", key(2), Ordering.CHECK));
        LogRecord older = only("OUTBOX0402W");
        assertEquals(Level.WARNING, older.getLevel());
        assertContains(
                older.getMessage(), "(Order/o-1 #2): it already processed #5 of that key, 3");
    }

    @Test
    void checkProcessesAfterAGapAndStrictWaits() {
        InboxService inbox = inbox(Map.of());
        assertEquals(Admission.PROCESS, inbox.admit("c", "m1", key(1), Ordering.CHECK));
        assertEquals(Admission.PROCESS, inbox.admit("c", "m3", key(3), Ordering.CHECK));
        assertEquals(3, store.last("c"));
        assertEquals(Admission.WAIT, inbox.admit("s", "m3", key(3), Ordering.STRICT));
        assertEquals(0, store.last("s"), "a held message does not move its key on");
    }

    @Test
    void aMessageAfterSkippedRecordsIsNoGapWhenItFollowsTheLastProcessed() {
        InboxService inbox = inbox(Map.of());
        assertEquals(Admission.PROCESS, inbox.admit("s", "m1", key(1), Ordering.STRICT));
        Position afterSkips = new Position("Order", "o-1", 4, 1); // #2 and #3 were skipped
        assertEquals(Admission.PROCESS, inbox.admit("s", "m4", afterSkips, Ordering.STRICT));
        assertEquals(4, store.last("s"));
        assertEquals(Admission.PROCESS, inbox.admit("s", "m5", key(5), Ordering.STRICT));

        Position followsUnseen = new Position("Order", "o-1", 8, 6); // #6 never came
        assertEquals(Admission.WAIT, inbox.admit("s", "m8", followsUnseen, Ordering.STRICT));
        assertContains(only("OUTBOX0403W").getMessage(), "1 message(s) missing");
    }

    @Test
    void aSequenceTooFarAheadIsRefusedAndDoesNotSilenceItsKey() {
        InboxService inbox = inbox(Map.of("outbox.inbox.max-sequence-jump", "1000"));
        assertEquals(Admission.PROCESS, inbox.admit("c", "m1", key(1), Ordering.CHECK));
        assertEquals(
                Admission.REFUSE, inbox.admit("c", "stray", key(Long.MAX_VALUE), Ordering.CHECK));
        assertEquals(1, store.last("c"));
        assertContains(
                only("OUTBOX0409W").getMessage(), "is " + (Long.MAX_VALUE - 1) + " ahead of #1");
        assertEquals(Admission.PROCESS, inbox.admit("c", "m2", key(2), Ordering.CHECK));
        assertEquals(Admission.PROCESS, inbox.admit("c", "m1001", key(1001), Ordering.CHECK));
        assertEquals(Admission.REFUSE, inbox.admit("c", "m3002", key(3002), Ordering.CHECK));
    }

    @Test
    void theJumpBoundAppliesToAKeyNotSeenBefore() {
        InboxService inbox = inbox(Map.of("outbox.inbox.max-sequence-jump", "10"));
        assertEquals(Admission.REFUSE, inbox.admit("c", "m", key(11), Ordering.CHECK));
        assertEquals(Admission.PROCESS, inbox.admit("c", "n", key(10), Ordering.CHECK));
    }

    @Test
    void withoutAnIdAMessageIsRefusedWithOneWarningPerConsumer() {
        InboxService inbox = inbox(Map.of());
        assertEquals(Admission.REFUSE, inbox.admit("c", null, key(1), Ordering.CHECK));
        assertEquals(Admission.REFUSE, inbox.admit("c", null, null, Ordering.NONE));
        assertContains(only("OUTBOX0410W").getMessage(), "reject");
        assertEquals(0, store.processed.size(), "nothing recorded");
    }

    @Test
    void withoutAnIdAMessageMayBeProcessedUndeduplicated() {
        InboxService inbox = inbox(Map.of("outbox.inbox.missing-id", "process-undeduplicated"));
        assertEquals(Admission.PROCESS, inbox.admit("c", null, null, Ordering.NONE));
        assertEquals(Admission.PROCESS, inbox.admit("c", null, null, Ordering.NONE));
        assertContains(only("OUTBOX0410W").getMessage(), "processed without the inbox");
        assertEquals(0, store.processed.size());
    }

    @Test
    void theInboxNeedsAnActiveTransaction() {
        InboxService inbox = inbox(Map.of());
        registry.status = Status.STATUS_NO_TRANSACTION;
        assertThrows(
                NoTransactionException.class, () -> inbox.admit("c", "m1", key(1), Ordering.NONE));
        assertEquals(0, store.processed.size());
    }

    private LogRecord only(String id) {
        List<LogRecord> found = logged.stream().filter(r -> r.getMessage().startsWith(id)).toList();
        assertEquals(
                1, found.size(), id + " in " + logged.stream().map(LogRecord::getMessage).toList());
        return found.get(0);
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("expected <" + part + "> in <" + text + ">");
        }
    }

    /** The inbox tables, in memory. */
    static final class FakeStore implements InboxStore {
        final Set<String> processed = new HashSet<>();
        final Map<String, Long> last = new HashMap<>();

        long last(String consumer) {
            return last.getOrDefault(consumer + "/Order/o-1", 0L);
        }

        @Override
        public boolean insertIfAbsent(String consumer, String messageId, Instant processedAt) {
            return processed.add(consumer + '/' + messageId);
        }

        @Override
        public long lockLastSequence(String consumer, String aggregateType, String aggregateId) {
            return last.getOrDefault(consumer + '/' + aggregateType + '/' + aggregateId, 0L);
        }

        @Override
        public void saveLastSequence(
                String consumer,
                String aggregateType,
                String aggregateId,
                long sequence,
                Instant at) {
            last.put(consumer + '/' + aggregateType + '/' + aggregateId, sequence);
        }

        @Override
        public int purge(Instant before, int limit) {
            return 0;
        }
    }

    /** A transaction that is active unless told otherwise. */
    static final class FakeRegistry implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_ACTIVE;

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {}

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {}

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {}

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
