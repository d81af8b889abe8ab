package dev.outbox.jpa.internal;

import java.time.Instant;
import java.util.Map;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Unsendable;

/**
 * An immutable record as the relay claimed it.
 *
 * @param problem why the row cannot be sent as it is, or {@code null}
 */
record ClaimedRecord(
        String id,
        String aggregateType,
        String aggregateId,
        long sequence,
        String eventType,
        int eventVersion,
        String destination,
        String contentType,
        String payload,
        Map<String, String> headers,
        RecordStatus status,
        int attempts,
        Instant writtenAt,
        Instant nextAttemptAt,
        Instant deliverAt,
        Instant dispatchedAt,
        String lastError,
        String problem)
        implements OutboxRecord, Unsendable {}
