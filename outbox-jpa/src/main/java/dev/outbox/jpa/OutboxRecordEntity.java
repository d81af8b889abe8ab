package dev.outbox.jpa;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;
import dev.outbox.jpa.internal.HeadersJson;

/**
 * The JPA mapping of an outbox record, table {@code outbox_record}, for applications that read
 * records with JPQL; the library itself reads and writes them with SQL. Public only because JPA
 * requires it: applications never write records.
 */
@Entity(name = "OutboxRecord")
@Table(name = "outbox_record")
@Cacheable(false) // the relay changes rows with SQL: a shared cache (EclipseLink's) would go stale
public class OutboxRecordEntity implements OutboxRecord {

    private static final HeadersJson HEADERS = new HeadersJson();

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "aggregate_type", length = 255, nullable = false, updatable = false)
    private String aggregateType;

    @Column(name = "aggregate_id", length = 255, nullable = false, updatable = false)
    private String aggregateId;

    @Column(name = "seq", nullable = false, updatable = false)
    private long sequence;

    @Column(name = "event_type", length = 255, nullable = false, updatable = false)
    private String eventType;

    @Column(name = "event_version", nullable = false, updatable = false)
    private int eventVersion;

    @Column(name = "destination", length = 255, nullable = false)
    private String destination;

    @Column(name = "content_type", length = 100, nullable = false, updatable = false)
    private String contentType;

    @Column(name = "payload", length = Integer.MAX_VALUE, nullable = false)
    private String payload;

    /** JSON, see {@link HeadersJson}; converted by hand so the mapping needs no CDI. */
    @Column(name = "headers", length = Integer.MAX_VALUE)
    private String headers;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private RecordStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "written_at", nullable = false, updatable = false)
    private Instant writtenAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    /** For JPA. */
    protected OutboxRecordEntity() {}

    @Override
    public String id() {
        return id;
    }

    @Override
    public String aggregateType() {
        return aggregateType;
    }

    @Override
    public String aggregateId() {
        return aggregateId;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public String eventType() {
        return eventType;
    }

    @Override
    public int eventVersion() {
        return eventVersion;
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String payload() {
        return payload;
    }

    /**
     * @return the headers; empty when the column holds text that is not a flat JSON object (a row
     *     changed by hand, which the relay quarantines saying why)
     */
    @Override
    public Map<String, String> headers() {
        try {
            return HEADERS.convertToEntityAttribute(headers);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    @Override
    public RecordStatus status() {
        return status;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public Instant writtenAt() {
        return writtenAt;
    }

    @Override
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    @Override
    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "OutboxRecord["
                + id
                + " "
                + eventType
                + " "
                + aggregateType
                + "/"
                + aggregateId
                + "#"
                + sequence
                + " "
                + status
                + "]";
    }
}
