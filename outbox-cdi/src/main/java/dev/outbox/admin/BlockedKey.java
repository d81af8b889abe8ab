package dev.outbox.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * A key whose head, its earliest record not yet sent, is a dead letter that holds the key's later
 * records back ({@code outbox.ordering.failed-head=hold}): they are sent, in order, once an
 * operator retries the head and it goes, or deletes it.
 *
 * @param aggregateType the key's aggregate type
 * @param aggregateId the key's aggregate id
 * @param head the dead letter at the head, {@code FAILED} or {@code QUARANTINED}, with its last
 *     error; without payload and headers
 * @param held how many {@code PENDING} records of the key wait behind it
 * @param oldestHeld when the oldest of them was written, or {@code null} when none waits
 */
public record BlockedKey(
        String aggregateType,
        String aggregateId,
        OutboxRecord head,
        long held,
        Instant oldestHeld) {

    /**
     * Checks that the key and the head are given.
     *
     * @param aggregateType the key's aggregate type
     * @param aggregateId the key's aggregate id
     * @param head the dead letter at the head
     * @param held how many records wait behind it
     * @param oldestHeld when the oldest of them was written, or {@code null}
     */
    public BlockedKey {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(head, "head");
    }
}
