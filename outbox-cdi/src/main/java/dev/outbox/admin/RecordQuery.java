package dev.outbox.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * Which records to list, count or act on: every criterion is optional, results come oldest first.
 * Immutable; the {@code withX} methods return a copy.
 *
 * <pre>{@code
 * outbox.find(RecordQuery.status(RecordStatus.FAILED).withDestination("orders.events").withLimit(20));
 * }</pre>
 *
 * <p>Pages: pass the last record of a page to {@link #withAfter(OutboxRecord)} to get the next one
 * (keyset pagination, stable while records come and go). Lists of many records should ask {@link
 * #withoutContent()}: the payload and headers are then neither read nor returned.
 *
 * @param status only records in this status, or {@code null} for any
 * @param destination only records for this queue, or {@code null} for any
 * @param aggregateType only records of this aggregate type, or {@code null} for any
 * @param aggregateId only records of this aggregate id, or {@code null} for any
 * @param writtenAfter only records written at or after this time, or {@code null} for any
 * @param writtenBefore only records written before this time, or {@code null} for any
 * @param errorContains only records whose last error contains this text, or {@code null} for any
 * @param after only records after this position in the order (the next page), or {@code null}
 * @param content whether to read the payload and headers; without them a record's {@link
 *     OutboxRecord#payload()} is {@code null} and its headers are empty
 * @param limit the most records to return, 1 to 10000
 */
public record RecordQuery(
        RecordStatus status,
        String destination,
        String aggregateType,
        String aggregateId,
        Instant writtenAfter,
        Instant writtenBefore,
        String errorContains,
        Position after,
        boolean content,
        int limit) {

    /** The number of records a query returns unless told otherwise. */
    public static final int DEFAULT_LIMIT = 100;

    /** The largest number of records a query returns. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * A place in the order of a query's results (written time, then id): the last record of a page.
     *
     * @param writtenAt the record's written time
     * @param id the record's id
     */
    public record Position(Instant writtenAt, String id) {

        /**
         * @param writtenAt the record's written time
         * @param id the record's id
         * @throws NullPointerException when either is {@code null}
         */
        public Position {
            Objects.requireNonNull(writtenAt, "writtenAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Checks the limit.
     *
     * @param status only records in this status, or {@code null} for any
     * @param destination only records for this queue, or {@code null} for any
     * @param aggregateType only records of this aggregate type, or {@code null} for any
     * @param aggregateId only records of this aggregate id, or {@code null} for any
     * @param writtenAfter only records written at or after this time, or {@code null} for any
     * @param writtenBefore only records written before this time, or {@code null} for any
     * @param errorContains only records whose last error contains this text, or {@code null}
     * @param after only records after this position, or {@code null}
     * @param content whether to read the payload and headers
     * @param limit the most records to return
     * @throws IllegalArgumentException when the limit is not from 1 to {@value #MAX_LIMIT}
     */
    public RecordQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }

    /**
     * @return a query for any record, with its content, up to {@value #DEFAULT_LIMIT}
     */
    public static RecordQuery all() {
        return new RecordQuery(null, null, null, null, null, null, null, null, true, DEFAULT_LIMIT);
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
        return new RecordQuery(
                s,
                destination,
                aggregateType,
                aggregateId,
                writtenAfter,
                writtenBefore,
                errorContains,
                after,
                content,
                limit);
    }

    /**
     * @param d the queue, or {@code null}
     * @return a copy with that destination
     */
    public RecordQuery withDestination(String d) {
        return new RecordQuery(
                status,
                d,
                aggregateType,
                aggregateId,
                writtenAfter,
                writtenBefore,
                errorContains,
                after,
                content,
                limit);
    }

    /**
     * @param type the aggregate type, or {@code null}
     * @param id the aggregate id, or {@code null}
     * @return a copy with that key
     */
    public RecordQuery withKey(String type, String id) {
        return new RecordQuery(
                status,
                destination,
                type,
                id,
                writtenAfter,
                writtenBefore,
                errorContains,
                after,
                content,
                limit);
    }

    /**
     * @param t the time, or {@code null}
     * @return a copy with records written at or after it
     */
    public RecordQuery withWrittenAfter(Instant t) {
        return new RecordQuery(
                status,
                destination,
                aggregateType,
                aggregateId,
                t,
                writtenBefore,
                errorContains,
                after,
                content,
                limit);
    }

    /**
     * @param t the time, or {@code null}
     * @return a copy with records written before it
     */
    public RecordQuery withWrittenBefore(Instant t) {
        return new RecordQuery(
                status,
                destination,
                aggregateType,
                aggregateId,
                writtenAfter,
                t,
                errorContains,
                after,
                content,
                limit);
    }

    /**
     * @param text a part of the last error (case-sensitive), or {@code null}
     * @return a copy with records whose last error contains it
     */
    public RecordQuery withErrorContaining(String text) {
        return new RecordQuery(
                status,
                destination,
                aggregateType,
                aggregateId,
                writtenAfter,
                writtenBefore,
                text,
                after,
                content,
                limit);
    }

    /**
     * @param p a position, or {@code null} for the first page
     * @return a copy with the records after it
     */
    public RecordQuery withAfter(Position p) {
        return new RecordQuery(
                status,
                destination,
                aggregateType,
                aggregateId,
                writtenAfter,
                writtenBefore,
                errorContains,
                p,
                content,
                limit);
    }

    /**
     * @param last the last record of the previous page
     * @return a copy with the records after it
     */
    public RecordQuery withAfter(OutboxRecord last) {
        return withAfter(new Position(last.writtenAt(), last.id()));
    }

    /**
     * @return a copy that reads neither payload nor headers: for lists
     */
    public RecordQuery withoutContent() {
        return new RecordQuery(
                status,
                destination,
                aggregateType,
                aggregateId,
                writtenAfter,
                writtenBefore,
                errorContains,
                after,
                false,
                limit);
    }

    /**
     * @param n the most records, 1 to 10000
     * @return a copy with that limit
     */
    public RecordQuery withLimit(int n) {
        return new RecordQuery(
                status,
                destination,
                aggregateType,
                aggregateId,
                writtenAfter,
                writtenBefore,
                errorContains,
                after,
                content,
                n);
    }
}
