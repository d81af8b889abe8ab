package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.admin.DestinationBacklog;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.NewRecord;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.cdi.internal.RecordStore;

/**
 * The record store on the application's persistence unit, as SQL on the connection of its entity
 * manager: capture's insert joins the caller's transaction, and the relay's locking queries, which
 * JPA cannot express portably, run on the relay's. Plain SQL also lets the tables live in a
 * configured schema ({@link Tables}) whatever the entity's mapping says.
 */
@ApplicationScoped
public class JpaRecordStore implements RecordStore {

    private static final HeadersJson HEADERS = new HeadersJson();
    private static final int MAX_ERROR = 2000;

    @Inject OutboxEntityManager entityManager;
    @Inject OutboxSettings settings;
    @Inject SchemaManager schema;

    private volatile Dialect dialect;
    private volatile Tables tables;

    @Override
    public void prepare() {
        schema.ensure();
    }

    @Override
    public Optional<String> xaProblem() {
        return schema.xaProblem();
    }

    @Override
    public void append(NewRecord record) {
        JdbcWork.call(entityManager.get(), c -> insert(c, record));
    }

    /**
     * Inserts the record, in one statement where the dialect takes the key's next number in it,
     * else after taking that number.
     */
    private Void insert(Connection c, NewRecord r) throws SQLException {
        Dialect d = dialect(c);
        long sequence = d.append() == null ? nextSequence(c, r) : 0;
        String headers = HEADERS.convertToDatabaseColumn(r.headers());
        Sql sql = tables().sql(d.append() == null ? Dialect.APPEND_NUMBERED : d.append());
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
                            default -> s.setLong(i, sequence);
                        }
                    });
            ps.executeUpdate();
        }
        return null;
    }

    @Override
    public List<OutboxRecord> claim(int limit, Instant now, boolean holdFailedHeads) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    String claim = d.claim(holdFailedHeads);
                    if (claim == null) {
                        return claimOneByOne(c, d, limit, now, holdFailedHeads);
                    }
                    if (d.beforeClaim() != null) {
                        try (Statement s = c.createStatement()) {
                            s.execute(tables().qualify(d.beforeClaim()));
                        }
                    }
                    List<OutboxRecord> claimed = new ArrayList<>();
                    Sql sql = tables().sql(claim);
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(ps, Times.andLimit(d, now, limit));
                        ps.setMaxRows(limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                claimed.add(read(d, rs, RecordStatus.PENDING));
                            }
                        }
                    }
                    return claimed;
                });
    }

    /**
     * Claims without {@code SKIP LOCKED}: reads the ids of due head records, then locks each with
     * an update that only matches while it is still due; a record another relay took in between is
     * passed over.
     */
    private List<OutboxRecord> claimOneByOne(
            Connection c, Dialect d, int limit, Instant now, boolean holdFailedHeads)
            throws SQLException {
        List<String> candidates = ids(c, d, d.candidates(holdFailedHeads), now, limit);
        List<OutboxRecord> claimed = new ArrayList<>();
        try (PreparedStatement lock =
                        tables().prepare(
                                        c,
                                        "UPDATE outbox_record SET attempts = attempts WHERE id = ?"
                                                + " AND status = 'PENDING' AND next_attempt_at <= ?");
                PreparedStatement read =
                        tables().prepare(c, "SELECT * FROM outbox_record WHERE id = ?")) {
            for (String id : candidates) {
                lock.setString(1, id);
                Times.bind(d, lock, 2, now);
                if (lock.executeUpdate() != 1) {
                    continue;
                }
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        claimed.add(read(d, rs, RecordStatus.PENDING));
                    }
                }
            }
        }
        return claimed;
    }

    @Override
    public void markDispatched(Collection<String> ids, Instant at, boolean keep) {
        if (ids.isEmpty()) {
            return;
        }
        JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    String set =
                            keep
                                    ? "UPDATE outbox_record SET status = 'DISPATCHED', dispatched_at = ?"
                                    : "DELETE FROM outbox_record";
                    // with arrays, one statement for the batch instead of one per record
                    String where = d.arrays() ? " WHERE id = ANY(?)" : " WHERE id = ?";
                    try (PreparedStatement ps = tables().prepare(c, set + where)) {
                        if (d.arrays()) {
                            int i = 1;
                            if (keep) {
                                Times.bind(d, ps, i++, at);
                            }
                            ps.setArray(i, c.createArrayOf("varchar", ids.toArray()));
                            ps.executeUpdate();
                            return null;
                        }
                        for (String id : ids) {
                            int i = 1;
                            if (keep) {
                                Times.bind(d, ps, i++, at);
                            }
                            ps.setString(i, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
    }

    @Override
    public boolean markAttemptFailed(
            String id, int attemptsBefore, RecordStatus status, Instant nextAttempt, String error) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    boolean pending = status == RecordStatus.PENDING;
                    String sql =
                            "UPDATE outbox_record SET attempts = ?, status = ?, last_error = ?"
                                    + (pending ? ", next_attempt_at = ?" : "")
                                    + " WHERE id = ? AND status = 'PENDING' AND attempts = ?";
                    try (PreparedStatement ps = tables().prepare(c, sql)) {
                        int i = 1;
                        ps.setInt(i++, attemptsBefore + 1);
                        ps.setString(i++, status.name());
                        ps.setString(i++, truncate(error));
                        if (pending) {
                            Times.bind(d, ps, i++, nextAttempt);
                        }
                        ps.setString(i++, id);
                        ps.setInt(i, attemptsBefore);
                        return ps.executeUpdate() == 1;
                    }
                });
    }

    @Override
    public int purgeDispatched(Instant dispatchedBefore, int limit) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    if (d.purge() == null) {
                        return purgeOneByOne(c, d, dispatchedBefore, limit);
                    }
                    Sql sql = tables().sql(d.purge());
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(ps, Times.andLimit(d, dispatchedBefore, limit));
                        return ps.executeUpdate();
                    }
                });
    }

    /**
     * @param query a dialect's query of record ids, ?1 an instant and ?2 a row limit
     * @return the ids it selects
     */
    private List<String> ids(Connection c, Dialect d, String query, Instant instant, int limit)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        Sql sql = tables().sql(query);
        try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            sql.bind(ps, Times.andLimit(d, instant, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private int purgeOneByOne(Connection c, Dialect d, Instant dispatchedBefore, int limit)
            throws SQLException {
        List<String> ids = ids(c, d, d.purgeCandidates(), dispatchedBefore, limit);
        int deleted = 0;
        try (PreparedStatement ps =
                tables().prepare(
                                c,
                                "DELETE FROM outbox_record WHERE id = ? AND status = 'DISPATCHED'")) {
            for (String id : ids) {
                ps.setString(1, id);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    @Override
    public Map<String, String> quarantineUnknownStatus(int limit) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Map<String, String> found = new LinkedHashMap<>();
                    // no setMaxRows: MariaDB's driver then fails to close the statement
                    try (PreparedStatement ps = tables().prepare(c, UNKNOWN_STATUS)) {
                        try (ResultSet rs = ps.executeQuery()) {
                            while (found.size() < limit && rs.next()) {
                                found.put(rs.getString(1), rs.getString(2));
                            }
                        }
                    }
                    Map<String, String> quarantined = new LinkedHashMap<>();
                    try (PreparedStatement ps = tables().prepare(c, QUARANTINE_UNKNOWN)) {
                        for (Map.Entry<String, String> e : found.entrySet()) {
                            ps.setString(1, truncate("unknown status '" + e.getValue() + "'"));
                            ps.setString(2, e.getKey());
                            ps.setString(3, e.getValue());
                            if (ps.executeUpdate() == 1) {
                                quarantined.put(e.getKey(), e.getValue());
                            }
                        }
                    }
                    return quarantined;
                });
    }

    private static final String KNOWN_STATUSES =
            java.util.Arrays.stream(RecordStatus.values())
                    .map(s -> "'" + s.name() + "'")
                    .collect(java.util.stream.Collectors.joining(", "));

    /** NULL cannot be stored (the column is NOT NULL), so NOT IN needs no null guard. */
    private static final String UNKNOWN_STATUS =
            "SELECT id, status FROM outbox_record WHERE status NOT IN (" + KNOWN_STATUSES + ")";

    private static final String QUARANTINE_UNKNOWN =
            "UPDATE outbox_record SET status = 'QUARANTINED', last_error = ?"
                    + " WHERE id = ? AND status = ?";

    /** Every column but the payload and the headers: what a list of records needs. */
    private static final String SUMMARY_COLUMNS =
            "id, aggregate_type, aggregate_id, seq, event_type, event_version, destination,"
                    + " content_type, status, attempts, written_at, next_attempt_at, dispatched_at,"
                    + " last_error";

    @Override
    public List<OutboxRecord> find(RecordQuery q) {
        List<Object> values = new ArrayList<>();
        String where = where(q, values, true);
        return read(
                "SELECT "
                        + (q.content() ? "*" : SUMMARY_COLUMNS)
                        + " FROM outbox_record"
                        + where
                        + " ORDER BY written_at, id",
                values.toArray(),
                q.limit(),
                q.content());
    }

    @Override
    public long count(RecordQuery q) {
        List<Object> values = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM outbox_record" + where(q, values, false);
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    try (PreparedStatement ps = tables().prepare(c, sql)) {
                        Rows.bind(dialect(c), ps, values.toArray());
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
    private static String where(RecordQuery q, List<Object> values, boolean withPosition) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (q.status() != null) {
            sql.append(" AND status = ?");
            values.add(q.status().name());
        }
        if (q.destination() != null) {
            sql.append(" AND destination = ?");
            values.add(q.destination());
        }
        if (q.aggregateType() != null) {
            sql.append(" AND aggregate_type = ?");
            values.add(q.aggregateType());
        }
        if (q.aggregateId() != null) {
            sql.append(" AND aggregate_id = ?");
            values.add(q.aggregateId());
        }
        if (q.writtenAfter() != null) {
            sql.append(" AND written_at >= ?");
            values.add(q.writtenAfter());
        }
        if (q.writtenBefore() != null) {
            sql.append(" AND written_at < ?");
            values.add(q.writtenBefore());
        }
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

    /**
     * @return the text with LIKE's wildcards and the escape character escaped by {@code !}
     */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public int retry(Collection<String> ids, Instant now) {
        return updateEach(
                "UPDATE outbox_record SET status = 'PENDING', attempts = 0,"
                        + " next_attempt_at = ? WHERE id = ?"
                        + " AND status IN ('FAILED', 'QUARANTINED')",
                ids,
                now);
    }

    @Override
    public int replay(Collection<String> ids, Instant now) {
        return updateEach(
                "UPDATE outbox_record SET status = 'PENDING', attempts = 0,"
                        + " next_attempt_at = ?, last_error = NULL"
                        + " WHERE id = ? AND status = 'DISPATCHED'",
                ids,
                now);
    }

    @Override
    public int delete(Collection<String> ids) {
        return updateEach(
                "DELETE FROM outbox_record WHERE id = ? AND status <> 'PENDING'", ids, null);
    }

    /**
     * Runs a conditional statement once per id, as one JDBC batch.
     *
     * @param now the time bound before the id, or {@code null} when the statement takes none
     * @return how many rows it changed
     */
    private int updateEach(String sql, Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    try (PreparedStatement ps = tables().prepare(c, sql)) {
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

    @Override
    public Optional<OutboxRecord> find(String id) {
        return read("SELECT * FROM outbox_record WHERE id = ?", new Object[] {id}, 1, true).stream()
                .findFirst();
    }

    /**
     * @return the records a query selects, at most {@code limit}; a row whose status is not one
     *     this version knows (the relay quarantines it) is left out
     */
    private List<OutboxRecord> read(String sql, Object[] values, int limit, boolean content) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    List<OutboxRecord> found = new ArrayList<>();
                    try (PreparedStatement ps = tables().prepare(c, sql)) {
                        Rows.bind(d, ps, values);
                        ps.setMaxRows(limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (found.size() < limit && rs.next()) {
                                RecordStatus status = status(rs.getString("status"));
                                if (status != null) {
                                    found.add(
                                            content ? read(d, rs, status) : summary(d, rs, status));
                                }
                            }
                        }
                    }
                    return found;
                });
    }

    private static RecordStatus status(String stored) {
        for (RecordStatus s : RecordStatus.values()) {
            if (s.name().equals(stored)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public boolean retry(String id, Instant now) {
        return update(
                        "UPDATE outbox_record SET status = 'PENDING', attempts = 0,"
                                + " next_attempt_at = ? WHERE id = ?"
                                + " AND status IN ('FAILED', 'QUARANTINED')",
                        now,
                        id)
                == 1;
    }

    @Override
    public boolean delete(String id) {
        return update("DELETE FROM outbox_record WHERE id = ? AND status <> 'PENDING'", id) == 1;
    }

    @Override
    public boolean replay(String id, Instant now) {
        return update(
                        "UPDATE outbox_record SET status = 'PENDING', attempts = 0,"
                                + " next_attempt_at = ?, last_error = NULL"
                                + " WHERE id = ? AND status = 'DISPATCHED'",
                        now,
                        id)
                == 1;
    }

    /**
     * @return the number of rows the statement changed
     */
    private int update(String sql, Object... values) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    try (PreparedStatement ps = tables().prepare(c, sql)) {
                        Rows.bind(dialect(c), ps, values);
                        return ps.executeUpdate();
                    }
                });
    }

    @Override
    public List<DestinationBacklog> backlog() {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Instant> oldest = new TreeMap<>();
        JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    try (PreparedStatement ps =
                                    tables().prepare(
                                                    c,
                                                    "SELECT destination, status, COUNT(*) AS n,"
                                                            + " MIN(written_at) AS oldest FROM outbox_record"
                                                            + " WHERE status <> 'DISPATCHED'"
                                                            + " GROUP BY destination, status");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String destination = rs.getString(1);
                            long[] n = counts.computeIfAbsent(destination, x -> new long[3]);
                            RecordStatus status = status(rs.getString(2));
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
        Set<String> paused = paused();
        paused.forEach(d -> counts.computeIfAbsent(d, x -> new long[3]));
        List<DestinationBacklog> backlog = new ArrayList<>();
        counts.forEach(
                (d, c) ->
                        backlog.add(
                                new DestinationBacklog(
                                        d, c[0], c[1], c[2], oldest.get(d), paused.contains(d))));
        return backlog;
    }

    @Override
    public void pause(String destination, Instant at, String by) {
        JdbcWork.call(
                entityManager.get(),
                c ->
                        Rows.insertIfAbsent(
                                c,
                                dialect(c),
                                tables().name("outbox_pause"),
                                "destination, paused_at, paused_by",
                                "destination = ?",
                                new Object[] {destination, at, by},
                                1));
    }

    @Override
    public boolean resume(String destination) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    try (PreparedStatement ps =
                            tables().prepare(c, "DELETE FROM outbox_pause WHERE destination = ?")) {
                        ps.setString(1, destination);
                        return ps.executeUpdate() == 1;
                    }
                });
    }

    @Override
    public Set<String> paused() {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Set<String> paused = new TreeSet<>();
                    try (PreparedStatement ps =
                                    tables().prepare(c, "SELECT destination FROM outbox_pause");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            paused.add(rs.getString(1));
                        }
                    }
                    return paused;
                });
    }

    /**
     * @return where the tables are
     */
    Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = new Tables(settings.tableSchema());
            tables = t;
        }
        return t;
    }

    /**
     * @param c a connection to the outbox database
     * @return the dialect, detected once
     */
    Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.choose(settings, c.getMetaData().getDatabaseProductName());
            dialect = d;
        }
        return d;
    }

    private long nextSequence(Connection c, NewRecord r) throws SQLException {
        Dialect d = dialect(c);
        Sql.Binder key =
                (ps, i, n) -> ps.setString(i, n == 1 ? r.aggregateType() : r.aggregateId());
        if (d.nextSequence() != null) {
            Sql sql = tables().sql(d.nextSequence());
            try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                sql.bind(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
        if (d.incrementSequence() != null) {
            Sql increment = tables().sql(d.incrementSequence());
            try (PreparedStatement ps = c.prepareStatement(increment.jdbc())) {
                increment.bind(ps, key);
                ps.executeUpdate();
            }
        } else {
            // create the key at 0 if it is new (waiting for a concurrent creator), then count up
            Rows.insertIfAbsent(
                    c,
                    d,
                    tables().name("outbox_key"),
                    "aggregate_type, aggregate_id, last_seq",
                    "aggregate_type = ? AND aggregate_id = ?",
                    new Object[] {r.aggregateType(), r.aggregateId(), 0L},
                    2);
            try (PreparedStatement ps =
                    tables().prepare(
                                    c,
                                    "UPDATE outbox_key SET last_seq = last_seq + 1"
                                            + " WHERE aggregate_type = ? AND aggregate_id = ?")) {
                ps.setString(1, r.aggregateType());
                ps.setString(2, r.aggregateId());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps =
                tables().prepare(
                                c,
                                "SELECT last_seq FROM outbox_key WHERE aggregate_type = ? AND aggregate_id = ?")) {
            ps.setString(1, r.aggregateType());
            ps.setString(2, r.aggregateId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Reads a row. A claimed row the relay cannot understand (headers that do not parse, a missing
     * payload) is returned as a {@link ClaimedRecord} whose {@code problem} says why, so that the
     * relay quarantines it instead of failing the batch.
     */
    private static ClaimedRecord read(Dialect d, ResultSet rs, RecordStatus status)
            throws SQLException {
        String problem = null;
        Map<String, String> headers = Map.of();
        try {
            headers = HEADERS.convertToEntityAttribute(rs.getString("headers"));
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        String payload = rs.getString("payload");
        if (payload == null) {
            problem = "the payload is null";
        }
        return row(d, rs, status, payload, headers, problem);
    }

    /** Reads a row of {@link #SUMMARY_COLUMNS}: no payload, no headers. */
    private static ClaimedRecord summary(Dialect d, ResultSet rs, RecordStatus status)
            throws SQLException {
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
                Times.read(d, rs, "dispatched_at"),
                rs.getString("last_error"),
                problem);
    }

    private static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        return error.substring(0, MAX_ERROR - 3) + "...";
    }
}
