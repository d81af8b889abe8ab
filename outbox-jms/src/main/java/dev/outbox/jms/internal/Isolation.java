package dev.outbox.jms.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.outbox.admin.OutboxRecord;

/**
 * Finds the record at fault when the broker refuses a whole batch at commit, without slowing the
 * other records to one per transaction.
 *
 * <p>A refused batch is halved: the next claims take half as many records, in the same order, and
 * every half that commits clears its records, until a refused claim of one record names the one at
 * fault (about 2·log₂(batch size) transactions instead of one per record). A batch refused for a
 * duplicate id was sent before, so its records are sent one per transaction. The records found at
 * fault are remembered, so that at their next attempt they are sent alone at once and never make a
 * batch fail again.
 *
 * <p>A record refused alone is charged an attempt only when it was refused alone before: a broker
 * whose address filled with the record's own send fails the XA prepare, and the transaction manager
 * may report that as a bare rollback, indistinguishable from a record the broker cannot take. Sent
 * alone again at once, the first fails at send with the address's own error (its destination pauses
 * and the record is excused), the second is refused again and charged. Not thread-safe: the relay
 * drains on one thread at a time.
 */
final class Isolation {

    /** How many records found at fault are remembered (the oldest are forgotten). */
    static final int SUSPECTS = 1024;

    private final int batchSize;
    private final Map<String, Boolean> suspects =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > SUSPECTS;
                }
            };
    private int limit;
    private int remaining;

    Isolation(int batchSize) {
        this.batchSize = batchSize;
        this.limit = batchSize;
    }

    /**
     * @return the most records the next claim may take
     */
    int limit() {
        return active() ? limit : batchSize;
    }

    /**
     * @return whether records of a refused batch are still to be cleared
     */
    boolean active() {
        return remaining > 0;
    }

    /**
     * Cuts a claimed batch before its first record known to be at fault, or to that record alone
     * when it comes first.
     *
     * @param claimed the records claimed, in order
     * @return the records to send, in order
     */
    List<OutboxRecord> trim(List<OutboxRecord> claimed) {
        if (claimed.size() < 2 || suspects.isEmpty()) {
            return claimed;
        }
        for (int i = 0; i < claimed.size(); i++) {
            if (suspects.containsKey(claimed.get(i).id())) {
                return claimed.subList(0, Math.max(i, 1));
            }
        }
        return claimed;
    }

    /**
     * Notes a batch the broker took.
     *
     * @param sent the records sent, in order
     */
    void sent(List<OutboxRecord> sent) {
        if (sent.size() == 1) {
            suspects.remove(sent.get(0).id());
        }
        if (!active()) {
            return;
        }
        remaining -= sent.size();
        if (sent.isEmpty() || remaining <= 0) {
            remaining = 0;
        } else {
            limit = Math.min(limit, remaining);
        }
    }

    /**
     * Forgets that a record was refused alone: the broker has since said that the refusal was its
     * destination's (a full address, security), not the record's.
     *
     * @param record the record
     */
    void excuse(OutboxRecord record) {
        suspects.remove(record.id());
    }

    /**
     * Notes a batch the broker refused at commit.
     *
     * @param refused the records of the batch, in order
     * @param duplicates whether the broker refused it for a duplicate id: the batch was sent before
     *     and its marks were lost, so every record of it is likely one, and each is sent alone (a
     *     record refused alone as a duplicate counts as sent), not halved
     * @return whether the batch was one record that had been refused alone before, which is then
     *     the one at fault and is charged
     */
    boolean refused(List<OutboxRecord> refused, boolean duplicates) {
        if (refused.size() == 1) {
            remaining = 0;
            return suspects.put(refused.get(0).id(), Boolean.TRUE) != null;
        }
        remaining = refused.size();
        limit = duplicates ? 1 : (refused.size() + 1) / 2;
        return false;
    }
}
