package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.outbox.cdi.internal.NewRecord;

/**
 * Capture's part of the store: inserts a record, numbered in its key, in the caller's transaction.
 */
final class RecordCapture {

    private final StoreAccess access;

    RecordCapture(StoreAccess access) {
        this.access = access;
    }

    void append(NewRecord record) {
        access.call((c, d) -> insert(c, d, record));
    }

    /**
     * Inserts the record, in one statement where the dialect takes the key's next number in it,
     * else after taking that number.
     */
    private Void insert(Connection c, Dialect d, NewRecord r) throws SQLException {
        boolean inOne = d.sql(Statement.APPEND) != null;
        long sequence = inOne ? 0 : nextSequence(c, d, r);
        String headers = RecordRows.HEADERS.convertToDatabaseColumn(r.headers());
        Sql sql = access.sql(d, inOne ? Statement.APPEND : Statement.APPEND_NUMBERED);
        try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            sql.bind(
                    ps,
                    (s, i, n) -> {
                        switch (n) {
                            case 1 -> s.setString(i, r.aggregateType());
                            case 2 -> s.setString(i, r.aggregateId());
                            case 3 -> s.setString(i, r.id());
                            case 4 -> s.setString(i, r.eventType());
                            case 5 -> s.setInt(i, r.eventVersion());
                            case 6 -> s.setString(i, r.destination());
                            case 7 -> s.setString(i, r.contentType());
                            case 8 -> s.setString(i, r.payload());
                            case 9 -> s.setString(i, headers);
                            case 10 -> Times.bind(d, s, i, r.writtenAt());
                            case 12 -> Times.bind(d, s, i, r.dueAt());
                            case 13 -> Times.bindOrNull(d, s, i, r.deliverAt());
                            default -> s.setLong(i, sequence);
                        }
                    });
            ps.executeUpdate();
        }
        return null;
    }

    /**
     * Counts the key's sequence up: in one statement where the database has one, else by an update
     * after creating the key at 0 if it is new (waiting for a concurrent creator).
     *
     * @return the record's number
     */
    private long nextSequence(Connection c, Dialect d, NewRecord r) throws SQLException {
        Sql increment =
                d.sql(Statement.INCREMENT_SEQUENCE) == null
                        ? null
                        : access.sql(d, Statement.INCREMENT_SEQUENCE);
        if (increment != null) {
            try (PreparedStatement ps = c.prepareStatement(increment.jdbc())) {
                increment.bind(
                        ps,
                        (s, i, n) -> s.setString(i, n == 1 ? r.aggregateType() : r.aggregateId()));
                ps.executeUpdate();
            }
        } else {
            Rows.insertIfAbsent(
                    c,
                    d,
                    access.tables(),
                    Rows.Keyed.KEY,
                    new Object[] {r.aggregateType(), r.aggregateId(), 0L},
                    access.insertWait());
            try (PreparedStatement ps = access.prepare(c, d, Statement.KEY_INCREMENT)) {
                ps.setString(1, r.aggregateType());
                ps.setString(2, r.aggregateId());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = access.prepare(c, d, Statement.KEY_READ)) {
            ps.setString(1, r.aggregateType());
            ps.setString(2, r.aggregateId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
