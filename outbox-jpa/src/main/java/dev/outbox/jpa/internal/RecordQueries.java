package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.outbox.MessageProperties;
import dev.outbox.admin.BlockedKey;
import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Follows;

/**
 * The operator's part of the store: searches and counts records, the backlog per destination, and
 * retries, replays or deletes records. A search is a dialect's statement ({@link
 * Statement#FIND_RECORDS}, ...) followed by a WHERE clause of the query's criteria.
 */
final class RecordQueries {

    private final StoreAccess access;
    private final DestinationPauses pauses;

    RecordQueries(StoreAccess access, DestinationPauses pauses) {
        this.access = access;
        this.pauses = pauses;
    }

    List<OutboxRecord> find(RecordQuery q) {
        List<Object> values = new ArrayList<>();
        String where = where(q, values, true);
        Statement select = q.content() ? Statement.FIND_RECORDS : Statement.FIND_SUMMARIES;
        return read(select, where + " ORDER BY written_at, id", values.toArray(), q.limit(), q);
    }

    Optional<OutboxRecord> find(String id) {
        return read(Statement.READ_RECORD, "", new Object[] {id}, 1, null).stream().findFirst();
    }

    long count(RecordQuery q) {
        List<Object> values = new ArrayList<>();
        String where = where(q, values, false);
        return access.call(
                (c, d) -> {
                    String sql = d.sql(Statement.COUNT_RECORDS) + where;
                    try (PreparedStatement ps = access.tables().prepare(c, sql)) {
                        Rows.bind(d, ps, values.toArray());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
    }

    /**
     * @param withPosition whether the query's position (the page) counts
     * @return the WHERE clause of a query's criteria, its values added to {@code values}
     */
    static String where(RecordQuery q, List<Object> values, boolean withPosition) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        criterion(sql, values, " AND status = ?", q.status() == null ? null : q.status().name());
        criterion(sql, values, " AND destination = ?", q.destination());
        criterion(sql, values, " AND aggregate_type = ?", q.aggregateType());
        criterion(sql, values, " AND aggregate_id = ?", q.aggregateId());
        criterion(sql, values, " AND written_at >= ?", q.writtenAfter());
        criterion(sql, values, " AND written_at < ?", q.writtenBefore());
        if (q.errorContains() != null) {
            sql.append(" AND last_error LIKE ? ESCAPE '!'");
            values.add("%" + likeLiteral(q.errorContains()) + "%");
        }
        if (withPosition && q.after() != null) {
            sql.append(" AND (written_at > ? OR (written_at = ? AND id > ?))");
            values.add(q.after().writtenAt());
            values.add(q.after().writtenAt());
            values.add(q.after().id());
        }
        return sql.toString();
    }

    private static void criterion(StringBuilder sql, List<Object> values, String clause, Object v) {
        if (v != null) {
            sql.append(clause);
            values.add(v);
        }
    }

    /**
     * @return the text with LIKE's wildcards and the escape character escaped by {@code !}
     */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * @param query the search, or {@code null} for a whole record by id
     * @return the records a statement selects, at most {@code limit}; a row whose status is not one
     *     this version knows (the relay quarantines it) is left out
     */
    private List<OutboxRecord> read(
            Statement select, String rest, Object[] values, int limit, RecordQuery query) {
        boolean content = query == null || query.content();
        return rows(
                select,
                rest,
                values,
                limit,
                (d, rs, status) ->
                        content
                                ? RecordRows.read(d, rs, status)
                                : RecordRows.summary(d, rs, status));
    }

    /** Reads a row whose status this version knows. */
    private interface RowReader<T> {
        T read(Dialect d, ResultSet rs, RecordStatus status) throws SQLException;
    }

    /** Runs a dialect's statement with a rest and reads up to limit rows of known status. */
    private <T> List<T> rows(
            Statement select, String rest, Object[] values, int limit, RowReader<T> reader) {
        return access.call(
                (c, d) -> {
                    List<T> found = new ArrayList<>();
                    try (PreparedStatement ps = access.tables().prepare(c, d.sql(select) + rest)) {
                        Rows.bind(d, ps, values);
                        ps.setMaxRows(limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (found.size() < limit && rs.next()) {
                                RecordStatus status = RecordRows.status(rs.getString("status"));
                                if (status != null) {
                                    found.add(reader.read(d, rs, status));
                                }
                            }
                        }
                    }
                    return found;
                });
    }

    boolean retry(String id, Instant now) {
        return updateOne(Statement.RETRY, now, id);
    }

    int retry(Collection<String> ids, Instant now) {
        return updateEach(Statement.RETRY, ids, now);
    }

    boolean replay(String id, Instant now) {
        return replay(List.of(id), now) == 1;
    }

    /** Replays records of the queue table, then, where there is one, of the archive. */
    int replay(Collection<String> ids, Instant now) {
        return updateEach(Statement.REPLAY, ids, now)
                + updateEach(Statement.ARCHIVE_REPLAY, ids, now);
    }

    /**
     * Skips a dead letter that heads its key and has an unsent record after it, which gets the
     * {@code outboxFollows} header: what the skipped one followed. Runs in the caller's
     * transaction.
     */
    boolean skip(String id) {
        return access.call(
                (c, d) -> {
                    ClaimedRecord head;
                    try (PreparedStatement ps = access.prepare(c, d, Statement.READ_RECORD)) {
                        ps.setString(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            RecordStatus status =
                                    rs.next() ? RecordRows.status(rs.getString("status")) : null;
                            if (status != RecordStatus.FAILED
                                    && status != RecordStatus.QUARANTINED) {
                                return false;
                            }
                            head = RecordRows.read(d, rs, status);
                        }
                    }
                    Object[] key = {head.aggregateType(), head.aggregateId(), head.sequence()};
                    if (head.aggregateId() == null
                            || exists(c, d, Statement.KEY_EARLIER_UNSENT, key)) {
                        return false;
                    }
                    String next;
                    Map<String, String> headers;
                    try (PreparedStatement ps = access.prepare(c, d, Statement.KEY_LATER)) {
                        Rows.bind(d, ps, key);
                        ps.setMaxRows(1);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()
                                    || RecordRows.status(rs.getString("status"))
                                            == RecordStatus.DISPATCHED) {
                                return false; // nothing waits behind it
                            }
                            next = rs.getString("id");
                            headers =
                                    RecordRows.HEADERS.convertToEntityAttribute(
                                            rs.getString("headers"));
                        }
                    }
                    if (!updateOne(c, d, Statement.SKIP, id, head.status().name())) {
                        return false; // changed meanwhile
                    }
                    Map<String, String> following = new TreeMap<>(headers);
                    following.put(MessageProperties.FOLLOWS, String.valueOf(Follows.of(head)));
                    updateOne(
                            c,
                            d,
                            Statement.SET_HEADERS,
                            RecordRows.HEADERS.convertToDatabaseColumn(following),
                            next);
                    return true;
                });
    }

    /**
     * Replays a key's dispatched records in a range: their ids in sequence order, then one {@code
     * REPLAY} each; the claim's head condition sends them in that order.
     */
    int replay(
            String aggregateType, String aggregateId, long from, long to, int limit, Instant now) {
        List<String> ids =
                rows(
                        Statement.KEY_DISPATCHED,
                        "",
                        new Object[] {aggregateType, aggregateId, from, to},
                        limit,
                        (d, rs, status) -> rs.getString("id"));
        return replay(ids, now);
    }

    boolean delete(String id) {
        return delete(List.of(id)) == 1;
    }

    /** Deletes records of the queue table, then, where there is one, of the archive. */
    int delete(Collection<String> ids) {
        return updateEach(Statement.DELETE, ids, null)
                + updateEach(Statement.ARCHIVE_DELETE, ids, null);
    }

    /**
     * @return whether the conditional statement changed one row
     */
    private boolean updateOne(Statement statement, Object... values) {
        return access.call((c, d) -> updateOne(c, d, statement, values));
    }

    private boolean updateOne(Connection c, Dialect d, Statement statement, Object... values)
            throws SQLException {
        try (PreparedStatement ps = access.prepare(c, d, statement)) {
            Rows.bind(d, ps, values);
            return ps.executeUpdate() == 1;
        }
    }

    private boolean exists(Connection c, Dialect d, Statement statement, Object... values)
            throws SQLException {
        try (PreparedStatement ps = access.prepare(c, d, statement)) {
            Rows.bind(d, ps, values);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Runs a conditional statement once per id, as one JDBC batch; a statement the dialect does
     * without changes nothing.
     *
     * @param now the time bound before the id, or {@code null} when the statement takes none
     * @return how many rows it changed
     */
    private int updateEach(Statement statement, Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return access.call(
                (c, d) -> {
                    if (d.sql(statement) == null) {
                        return 0;
                    }
                    try (PreparedStatement ps = access.prepare(c, d, statement)) {
                        for (String id : ids) {
                            Rows.bind(
                                    d,
                                    ps,
                                    now == null ? new Object[] {id} : new Object[] {now, id});
                            ps.addBatch();
                        }
                        int changed = 0;
                        for (int n : ps.executeBatch()) {
                            // a driver may answer SUCCESS_NO_INFO (-2) for a row it changed
                            changed += n > 0 ? n : n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
                        }
                        return changed;
                    }
                });
    }

    List<BlockedKey> blockedKeys(String destination, int limit) {
        Object[] values = destination == null ? new Object[0] : new Object[] {destination};
        String rest =
                (destination == null ? "" : " AND h.destination = ?")
                        + " ORDER BY h.written_at, h.id";
        return rows(
                Statement.BLOCKED_HEADS,
                rest,
                values,
                limit,
                (d, rs, status) -> {
                    OutboxRecord head = RecordRows.summary(d, rs, status);
                    return new BlockedKey(
                            head.aggregateType(),
                            head.aggregateId(),
                            head,
                            rs.getLong("held"),
                            Times.read(d, rs, "oldest_held"));
                });
    }

    List<DestinationBacklog> backlog() {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Instant> oldest = new TreeMap<>();
        access.call(
                (c, d) -> {
                    try (PreparedStatement ps = access.prepare(c, d, Statement.BACKLOG);
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            RecordStatus status = RecordRows.status(rs.getString(2));
                            if (status == null || status == RecordStatus.SKIPPED) {
                                continue; // waits for nothing
                            }
                            String destination = rs.getString(1);
                            long[] n = counts.computeIfAbsent(destination, x -> new long[3]);
                            if (status == RecordStatus.PENDING) {
                                n[0] = rs.getLong(3);
                                oldest.put(destination, Times.read(d, rs, "oldest"));
                            } else if (status == RecordStatus.FAILED) {
                                n[1] = rs.getLong(3);
                            } else if (status == RecordStatus.QUARANTINED) {
                                n[2] = rs.getLong(3);
                            }
                        }
                    }
                    return null;
                });
        Set<String> paused = pauses.paused();
        paused.forEach(d -> counts.computeIfAbsent(d, x -> new long[3]));
        List<DestinationBacklog> backlog = new ArrayList<>();
        counts.forEach(
                (d, c) ->
                        backlog.add(
                                new DestinationBacklog(
                                        d, c[0], c[1], c[2], oldest.get(d), paused.contains(d))));
        return backlog;
    }
}
