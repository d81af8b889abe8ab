package dev.outbox.jpa.internal;

import java.time.Instant;
import java.util.Map;

import dev.outbox.OutboxRecord;
import dev.outbox.RecordStatus;

/** An immutable record as the relay claimed it. */
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
        Instant dispatchedAt,
        String lastError)
        implements OutboxRecord {}
