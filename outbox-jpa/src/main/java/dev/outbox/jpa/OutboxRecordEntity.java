package dev.outbox.jpa;

import java.time.Instant;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.outbox.admin.RecordStatus;

/**
 * The JPA mapping of an outbox record, table {@code outbox_record}, for applications that read
 * records with JPQL or rename the table in a mapping file of their own; the library itself reads
 * and writes them with SQL, and {@link dev.outbox.admin.Outbox} gives them as {@link
 * dev.outbox.admin.OutboxRecord}s. Public only because JPA requires it: applications never write
 * records.
 */
@Entity(name = "OutboxRecord")
@Table(name = "outbox_record")
@Cacheable(false) // the relay changes rows with SQL: a shared cache (EclipseLink's) would go stale
public class OutboxRecordEntity {

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

    /** JSON, read and written by the library with SQL. */
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

    @Column(name = "deliver_at", updatable = false)
    private Instant deliverAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    /** For JPA. */
    protected OutboxRecordEntity() {}

    /**
     * @return the record id (a UUID)
     */
    public String id() {
        return id;
    }

    /**
     * @return the aggregate type of its key
     */
    public String aggregateType() {
        return aggregateType;
    }

    /**
     * @return the aggregate id of its key
     */
    public String aggregateId() {
        return aggregateId;
    }

    /**
     * @return its number in its key, from 1, in commit order
     */
    public long sequence() {
        return sequence;
    }

    /**
     * @return the event type
     */
    public String eventType() {
        return eventType;
    }

    /**
     * @return the payload version
     */
    public int eventVersion() {
        return eventVersion;
    }

    /**
     * @return the queue it goes to
     */
    public String destination() {
        return destination;
    }

    /**
     * @return the payload's media type
     */
    public String contentType() {
        return contentType;
    }

    /**
     * @return the serialized payload
     */
    public String payload() {
        return payload;
    }

    /**
     * @return the headers column as stored: a flat JSON object ({@code Outbox#find} gives them as a
     *     map)
     */
    public String headersJson() {
        return headers;
    }

    /**
     * @return where it stands
     */
    public RecordStatus status() {
        return status;
    }

    /**
     * @return the failed attempts to send it
     */
    public int attempts() {
        return attempts;
    }

    /**
     * @return when it was written
     */
    public Instant writtenAt() {
        return writtenAt;
    }

    /**
     * @return when the record may be delivered, or {@code null} when at once
     */
    public Instant deliverAt() {
        return deliverAt;
    }

    /**
     * @return when the relay may send it next
     */
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /**
     * @return when it was sent, or {@code null}
     */
    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    /**
     * @return the last failure, or {@code null}
     */
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
