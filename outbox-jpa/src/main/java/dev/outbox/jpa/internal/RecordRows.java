package dev.outbox.jpa.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Msg;

/** The one place rows of {@code outbox_record} become records. */
final class RecordRows {

    static final HeadersJson HEADERS = new HeadersJson();

    /** The longest error text stored. */
    static final int MAX_ERROR = 2000;

    private RecordRows() {}

    /**
     * Reads a whole row. A row the relay cannot understand (headers that do not parse, a missing
     * payload) is returned as a {@link ClaimedRecord} whose {@code problem} says why, so that the
     * relay quarantines it instead of failing the batch.
     */
    static ClaimedRecord read(Dialect d, ResultSet rs, RecordStatus status) throws SQLException {
        String problem = null;
        Map<String, String> headers = Map.of();
        try {
            headers = HEADERS.convertToEntityAttribute(rs.getString("headers"));
        } catch (IllegalArgumentException e) {
            problem = Msg.STORE_HEADERS_INVALID.format(rs.getString("id"), e.getMessage());
        }
        String payload = rs.getString("payload");
        if (payload == null) {
            problem = "the payload is null";
        }
        return row(d, rs, status, payload, headers, problem);
    }

    /** Reads a row of {@link Statement#FIND_SUMMARIES}: no payload, no headers. */
    static ClaimedRecord summary(Dialect d, ResultSet rs, RecordStatus status) throws SQLException {
        return row(d, rs, status, null, Map.of(), null);
    }

    /** Reads the columns every row has, with the content given. */
    private static ClaimedRecord row(
            Dialect d,
            ResultSet rs,
            RecordStatus status,
            String payload,
            Map<String, String> headers,
            String problem)
            throws SQLException {
        return new ClaimedRecord(
                rs.getString("id"),
                rs.getString("aggregate_type"),
                rs.getString("aggregate_id"),
                rs.getLong("seq"),
                rs.getString("event_type"),
                rs.getInt("event_version"),
                rs.getString("destination"),
                rs.getString("content_type"),
                payload,
                headers,
                status,
                rs.getInt("attempts"),
                Times.read(d, rs, "written_at"),
                Times.read(d, rs, "next_attempt_at"),
                Times.read(d, rs, "deliver_at"),
                Times.read(d, rs, "dispatched_at"),
                rs.getString("last_error"),
                problem);
    }

    /**
     * @return the stored status, or {@code null} when this version does not know it
     */
    static RecordStatus status(String stored) {
        for (RecordStatus s : RecordStatus.values()) {
            if (s.name().equals(stored)) {
                return s;
            }
        }
        return null;
    }

    /**
     * @return the error cut to what the column holds
     */
    static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        return error.substring(0, MAX_ERROR - 3) + "...";
    }
}
