package dev.outbox;

import java.time.Instant;

/**
 * Which records to list: every criterion is optional, results come oldest first. Immutable; the
 * {@code withX} methods return a copy.
 *
 * <pre>{@code
 * outbox.find(RecordQuery.status(RecordStatus.FAILED).withDestination("orders.events").withLimit(20));
 * }</pre>
 *
 * @param status only records in this status, or {@code null} for any
 * @param destination only records for this queue, or {@code null} for any
 * @param aggregateType only records of this aggregate type, or {@code null} for any
 * @param aggregateId only records of this aggregate id, or {@code null} for any
 * @param writtenBefore only records written before this time, or {@code null} for any
 * @param limit the most records to return, 1 to 10000
 */
public record RecordQuery(
        RecordStatus status,
        String destination,
        String aggregateType,
        String aggregateId,
        Instant writtenBefore,
        int limit) {

    /** The number of records a query returns unless told otherwise. */
    public static final int DEFAULT_LIMIT = 100;

    /** The largest number of records a query returns. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * Checks the limit.
     *
     * @throws IllegalArgumentException when the limit is not from 1 to {@value #MAX_LIMIT}
     */
    public RecordQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }

    /**
     * @return a query for any record, up to {@value #DEFAULT_LIMIT}
     */
    public static RecordQuery all() {
        return new RecordQuery(null, null, null, null, null, DEFAULT_LIMIT);
    }

    /**
     * @param status the status
     * @return a query for records in that status, up to {@value #DEFAULT_LIMIT}
     */
    public static RecordQuery status(RecordStatus status) {
        return all().withStatus(status);
    }

    /**
     * @param s the status, or {@code null}
     * @return a copy with that status
     */
    public RecordQuery withStatus(RecordStatus s) {
        return new RecordQuery(s, destination, aggregateType, aggregateId, writtenBefore, limit);
    }

    /**
     * @param d the queue, or {@code null}
     * @return a copy with that destination
     */
    public RecordQuery withDestination(String d) {
        return new RecordQuery(status, d, aggregateType, aggregateId, writtenBefore, limit);
    }

    /**
     * @param type the aggregate type, or {@code null}
     * @param id the aggregate id, or {@code null}
     * @return a copy with that key
     */
    public RecordQuery withKey(String type, String id) {
        return new RecordQuery(status, destination, type, id, writtenBefore, limit);
    }

    /**
     * @param t the time, or {@code null}
     * @return a copy with records written before it
     */
    public RecordQuery withWrittenBefore(Instant t) {
        return new RecordQuery(status, destination, aggregateType, aggregateId, t, limit);
    }

    /**
     * @param n the most records, 1 to 10000
     * @return a copy with that limit
     */
    public RecordQuery withLimit(int n) {
        return new RecordQuery(status, destination, aggregateType, aggregateId, writtenBefore, n);
    }
}
