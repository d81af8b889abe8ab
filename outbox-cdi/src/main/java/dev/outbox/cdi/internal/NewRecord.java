package dev.outbox.cdi.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record about to be appended to the outbox: a validated, serialized event.
 *
 * @param id the record id, a UUID string
 * @param aggregateType the aggregate type, first half of the key
 * @param aggregateId the aggregate id, second half of the key
 * @param eventType the logical event type
 * @param eventVersion the payload version
 * @param destination the queue to send to
 * @param payload the serialized payload
 * @param contentType the payload's media type
 * @param headers headers sent as message properties
 * @param writtenAt when the record was written
 * @param deliverAt when it may be delivered, after {@code writtenAt}, or {@code null} for at once
 */
public record NewRecord(
        String id,
        String aggregateType,
        String aggregateId,
        String eventType,
        int eventVersion,
        String destination,
        String payload,
        String contentType,
        Map<String, String> headers,
        Instant writtenAt,
        Instant deliverAt) {

    /** Checks that no component is {@code null} and copies the headers. */
    public NewRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(writtenAt, "writtenAt");
        headers = Map.copyOf(headers);
        if (deliverAt != null && !deliverAt.isAfter(writtenAt)) {
            deliverAt = null;
        }
    }

    /**
     * @return when the record is first due: its delivery time, or when it was written
     */
    public Instant dueAt() {
        return deliverAt == null ? writtenAt : deliverAt;
    }
}
