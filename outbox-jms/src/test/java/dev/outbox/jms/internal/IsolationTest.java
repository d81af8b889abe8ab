package dev.outbox.jms.internal;

import static dev.outbox.jms.internal.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.outbox.admin.OutboxRecord;

/**
 * The search for the record the broker refuses in a batch, against a simulated relay that claims
 * the pending records in order and a broker that refuses every batch holding a poison record.
 */
class IsolationTest {

    private static final int BATCH = 100;

    /** The simulated outbox: pending records in claim order, and what happened to them. */
    private final List<OutboxRecord> pending = new ArrayList<>();

    private final List<String> delivered = new ArrayList<>();
    private final List<String> foundAtFault = new ArrayList<>();
    private int transactions;

    @Test
    void aPoisonRecordIsFoundInLogarithmicallyManyTransactions() {
        Isolation isolation = new Isolation(BATCH);
        addRecords(300);
        Set<String> poison = Set.of("r137");
        drain(isolation, poison);
        assertEquals(List.of("r137"), foundAtFault);
        assertEquals(299, delivered.size());
        assertEquals(299, new HashSet<>(delivered).size(), "no record sent twice");
        // 3 batches at full size, plus one refused batch and about two transactions per halving
        assertTrue(transactions <= 3 + 1 + 2 * 7, "transactions: " + transactions);
        assertFalse(isolation.active());
        assertEquals(BATCH, isolation.limit());
    }

    @Test
    void everyPoisonRecordOfABatchIsFound() {
        Isolation isolation = new Isolation(BATCH);
        addRecords(250);
        Set<String> poison = Set.of("r0", "r1", "r99", "r100", "r249");
        drain(isolation, poison);
        assertEquals(poison, new HashSet<>(foundAtFault));
        assertEquals(245, delivered.size());
        assertEquals(245, new HashSet<>(delivered).size());
        assertTrue(transactions < 250 / 2, "transactions: " + transactions);
    }

    @Test
    void aRecordFoundAtFaultIsSentAloneAtItsNextAttempt() {
        Isolation isolation = new Isolation(BATCH);
        addRecords(10);
        drain(isolation, Set.of("r4"));
        int before = transactions;
        // its retry is due again, among new records
        pending.add(record("r4"));
        addRecords(10, 20);
        pending.sort((a, b) -> a.id().equals("r4") ? -1 : b.id().equals("r4") ? 1 : 0);
        List<OutboxRecord> first = isolation.trim(new ArrayList<>(pending));
        assertEquals(List.of("r4"), ids(first), "the suspect alone");
        drain(isolation, Set.of("r4"));
        assertEquals(before + 2, transactions, "one refusal alone, then one full batch");
    }

    @Test
    void aRecordIsChargedOnlyWhenRefusedAloneTwice() {
        Isolation isolation = new Isolation(BATCH);
        assertFalse(isolation.refused(List.of(record("r1")), false), "once: tried again alone");
        assertTrue(isolation.refused(List.of(record("r1")), false), "twice: at fault");
        assertTrue(isolation.refused(List.of(record("r1")), false), "and at every refusal after");
        isolation.sent(List.of(record("r1")));
        assertFalse(isolation.refused(List.of(record("r1")), false), "forgiven once sent");
        isolation.excuse(record("r1"));
        assertFalse(
                isolation.refused(List.of(record("r1")), false),
                "forgiven when the broker blamed its destination");
    }

    @Test
    void aSuspectLaterInTheBatchCutsTheBatchBeforeIt() {
        Isolation isolation = new Isolation(BATCH);
        isolation.refused(List.of(record("r3")), false);
        List<OutboxRecord> claimed =
                List.of(record("r1"), record("r2"), record("r3"), record("r4"));
        assertEquals(List.of("r1", "r2"), ids(isolation.trim(claimed)));
        isolation.sent(List.of(record("r3")));
        assertEquals(4, isolation.trim(claimed).size(), "a suspect sent alone is forgiven");
    }

    @Test
    void aRefusalThatDoesNotRecurEndsWithTheRefusedRecords() {
        Isolation isolation = new Isolation(BATCH);
        assertFalse(isolation.refused(records(0, 100), false));
        assertTrue(isolation.active());
        assertEquals(50, isolation.limit());
        isolation.sent(records(0, 50));
        assertEquals(50, isolation.limit());
        isolation.sent(records(50, 100));
        assertFalse(isolation.active());
        assertEquals(BATCH, isolation.limit());
    }

    @Test
    void aBatchRefusedForADuplicateIdIsSentOneRecordPerTransaction() {
        Isolation isolation = new Isolation(BATCH);
        assertFalse(isolation.refused(records(0, 40), true));
        for (int i = 0; i < 40; i++) {
            assertTrue(isolation.active());
            assertEquals(1, isolation.limit());
            isolation.sent(records(i, i + 1)); // refused alone as a duplicate: counts as sent
        }
        assertFalse(isolation.active());
        assertEquals(BATCH, isolation.limit());
    }

    @Test
    void nothingLeftToClaimEndsTheSearch() {
        Isolation isolation = new Isolation(BATCH);
        isolation.refused(records(0, 8), false);
        isolation.sent(List.of());
        assertFalse(isolation.active());
    }

    /** The relay's loop, with the broker refusing at commit any batch that holds a poison. */
    private void drain(Isolation isolation, Set<String> poison) {
        for (int guard = 0; guard < 10_000 && !pending.isEmpty(); guard++) {
            List<OutboxRecord> claimed =
                    new ArrayList<>(
                            pending.subList(0, Math.min(isolation.limit(), pending.size())));
            List<OutboxRecord> batch = isolation.trim(claimed);
            transactions++;
            if (batch.stream().anyMatch(r -> poison.contains(r.id()))) {
                if (isolation.refused(batch, false)) {
                    // recorded as a failed attempt: retried later, out of this drain
                    foundAtFault.add(batch.get(0).id());
                    pending.remove(batch.get(0));
                }
            } else {
                batch.forEach(r -> delivered.add(r.id()));
                pending.removeAll(batch);
                isolation.sent(batch);
            }
        }
    }

    private void addRecords(int n) {
        addRecords(0, n);
    }

    private void addRecords(int from, int to) {
        pending.addAll(records(from, to));
    }

    private static List<OutboxRecord> records(int from, int to) {
        List<OutboxRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(record("r" + i));
        }
        return out;
    }

    private static List<String> ids(List<OutboxRecord> records) {
        return records.stream().map(OutboxRecord::id).toList();
    }
}
