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
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import dev.outbox.DestinationBacklog;
import dev.outbox.OutboxRecord;
import dev.outbox.RecordQuery;
import dev.outbox.RecordStatus;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.jpa.OutboxRecordEntity;
import dev.outbox.spi.NewRecord;
import dev.outbox.spi.RecordStore;

/**
 * The record store on the application's persistence unit. Capture persists the JPA entity, so the
 * record joins the caller's persistence context and transaction; the relay's locking queries, which
 * JPA cannot express portably, run as plain SQL on the same connection.
 */
@ApplicationScoped
public class JpaRecordStore implements RecordStore {

    private static final HeadersJson HEADERS = new HeadersJson();
    private static final int MAX_ERROR = 2000;

    @Inject OutboxEntityManager entityManager;
    @Inject OutboxSettings settings;
    @Inject SchemaManager schema;

    private volatile Dialect dialect;

    @Override
    public void prepare() {
        schema.ensure();
    }

    @Override
    public boolean xaCapable() {
        return schema.xaCapable();
    }

    @Override
    public void append(NewRecord record) {
        EntityManager em = entityManager.get();
        Long sequence = JdbcWork.call(em, c -> insertOrNumber(c, record));
        if (sequence != null) {
            em.persist(new OutboxRecordEntity(record, sequence));
        }
    }

    /**
     * Inserts the record with SQL where the dialect does it in one statement; otherwise takes its
     * sequence number, for the caller to persist the entity.
     *
     * @return {@code null} when inserted, else the record's sequence number
     */
    private Long insertOrNumber(Connection c, NewRecord r) throws SQLException {
        Dialect d = dialect(c);
        if (d.append() == null) {
            return nextSequence(c, r);
        }
        String headers = HEADERS.convertToDatabaseColumn(r.headers());
        Sql sql = Sql.of(d.append());
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
                            default -> Times.bind(d, s, i, r.writtenAt());
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
                            s.execute(d.beforeClaim());
                        }
                    }
                    List<OutboxRecord> claimed = new ArrayList<>();
                    Sql sql = Sql.of(claim);
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(ps, Times.andLimit(d, now, limit));
                        ps.setMaxRows(limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                claimed.add(read(d, rs));
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
        List<String> candidates = new ArrayList<>();
        Sql sql = Sql.of(d.candidates(holdFailedHeads));
        try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            sql.bind(ps, Times.andLimit(d, now, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        List<OutboxRecord> claimed = new ArrayList<>();
        try (PreparedStatement lock =
                        c.prepareStatement(
                                "UPDATE outbox_record SET attempts = attempts WHERE id = ?"
                                        + " AND status = 'PENDING' AND next_attempt_at <= ?");
                PreparedStatement read =
                        c.prepareStatement("SELECT * FROM outbox_record WHERE id = ?")) {
            for (String id : candidates) {
                lock.setString(1, id);
                Times.bind(d, lock, 2, now);
                if (lock.executeUpdate() != 1) {
                    continue;
                }
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        claimed.add(read(d, rs));
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
                    try (PreparedStatement ps = c.prepareStatement(set + where)) {
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
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
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
                    Sql sql = Sql.of(d.purge());
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(ps, Times.andLimit(d, dispatchedBefore, limit));
                        return ps.executeUpdate();
                    }
                });
    }

    @Override
    public Map<String, String> quarantineUnknownStatus(int limit) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Map<String, String> found = new LinkedHashMap<>();
                    // no setMaxRows: MariaDB's driver then fails to close the statement
                    try (PreparedStatement ps = c.prepareStatement(UNKNOWN_STATUS)) {
                        try (ResultSet rs = ps.executeQuery()) {
                            while (found.size() < limit && rs.next()) {
                                found.put(rs.getString(1), rs.getString(2));
                            }
                        }
                    }
                    Map<String, String> quarantined = new LinkedHashMap<>();
                    try (PreparedStatement ps = c.prepareStatement(QUARANTINE_UNKNOWN)) {
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

    @Override
    public List<OutboxRecord> find(RecordQuery q) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder jpql = new StringBuilder("select r from OutboxRecord r where 1 = 1");
        if (q.status() != null) {
            jpql.append(" and r.status = :status");
            params.put("status", q.status());
        }
        if (q.destination() != null) {
            jpql.append(" and r.destination = :destination");
            params.put("destination", q.destination());
        }
        if (q.aggregateType() != null) {
            jpql.append(" and r.aggregateType = :aggregateType");
            params.put("aggregateType", q.aggregateType());
        }
        if (q.aggregateId() != null) {
            jpql.append(" and r.aggregateId = :aggregateId");
            params.put("aggregateId", q.aggregateId());
        }
        if (q.writtenBefore() != null) {
            jpql.append(" and r.writtenAt < :writtenBefore");
            params.put("writtenBefore", q.writtenBefore());
        }
        jpql.append(" order by r.writtenAt, r.id");
        EntityManager em = entityManager.get();
        TypedQuery<OutboxRecordEntity> query =
                em.createQuery(jpql.toString(), OutboxRecordEntity.class).setMaxResults(q.limit());
        params.forEach(query::setParameter);
        List<OutboxRecordEntity> found = query.getResultList();
        found.forEach(em::detach);
        return List.copyOf(found);
    }

    @Override
    public Optional<OutboxRecord> find(String id) {
        EntityManager em = entityManager.get();
        OutboxRecordEntity found = em.find(OutboxRecordEntity.class, id);
        if (found != null) {
            em.detach(found);
        }
        return Optional.ofNullable(found);
    }

    @Override
    public long count(RecordStatus status) {
        return entityManager
                .get()
                .createQuery("select count(r) from OutboxRecord r where r.status = :s", Long.class)
                .setParameter("s", status)
                .getSingleResult();
    }

    @Override
    public boolean retry(String id, Instant now) {
        return entityManager
                        .get()
                        .createQuery(
                                "update OutboxRecord r set r.status = :pending, r.attempts = 0,"
                                        + " r.nextAttemptAt = :now"
                                        + " where r.id = :id and r.status in (:failed, :quarantined)")
                        .setParameter("pending", RecordStatus.PENDING)
                        .setParameter("now", now)
                        .setParameter("id", id)
                        .setParameter("failed", RecordStatus.FAILED)
                        .setParameter("quarantined", RecordStatus.QUARANTINED)
                        .executeUpdate()
                == 1;
    }

    @Override
    public boolean delete(String id) {
        return entityManager
                        .get()
                        .createQuery(
                                "delete from OutboxRecord r where r.id = :id and r.status <> :p")
                        .setParameter("id", id)
                        .setParameter("p", RecordStatus.PENDING)
                        .executeUpdate()
                == 1;
    }

    @Override
    public boolean replay(String id, Instant now) {
        return entityManager
                        .get()
                        .createQuery(
                                "update OutboxRecord r set r.status = :pending, r.attempts = 0,"
                                        + " r.nextAttemptAt = :now, r.lastError = null"
                                        + " where r.id = :id and r.status = :dispatched")
                        .setParameter("pending", RecordStatus.PENDING)
                        .setParameter("now", now)
                        .setParameter("id", id)
                        .setParameter("dispatched", RecordStatus.DISPATCHED)
                        .executeUpdate()
                == 1;
    }

    @Override
    public List<DestinationBacklog> backlog() {
        EntityManager em = entityManager.get();
        List<Object[]> rows =
                em.createQuery(
                                "select r.destination, r.status, count(r), min(r.writtenAt)"
                                        + " from OutboxRecord r where r.status <> :dispatched"
                                        + " group by r.destination, r.status",
                                Object[].class)
                        .setParameter("dispatched", RecordStatus.DISPATCHED)
                        .getResultList();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Instant> oldest = new TreeMap<>();
        for (Object[] row : rows) {
            String destination = (String) row[0];
            long[] c = counts.computeIfAbsent(destination, d -> new long[3]);
            long n = ((Number) row[2]).longValue();
            switch ((RecordStatus) row[1]) {
                case PENDING -> {
                    c[0] = n;
                    oldest.put(destination, (Instant) row[3]);
                }
                case FAILED -> c[1] = n;
                case QUARANTINED -> c[2] = n;
                default -> {}
            }
        }
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
                                "outbox_pause",
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
                            c.prepareStatement("DELETE FROM outbox_pause WHERE destination = ?")) {
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
                                    c.prepareStatement("SELECT destination FROM outbox_pause");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            paused.add(rs.getString(1));
                        }
                    }
                    return paused;
                });
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
            Sql sql = Sql.of(d.nextSequence());
            try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                sql.bind(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
        if (d.incrementSequence() != null) {
            Sql increment = Sql.of(d.incrementSequence());
            try (PreparedStatement ps = c.prepareStatement(increment.jdbc())) {
                increment.bind(ps, key);
                ps.executeUpdate();
            }
        } else {
            // create the key at 0 if it is new (waiting for a concurrent creator), then count up
            Rows.insertIfAbsent(
                    c,
                    d,
                    "outbox_key",
                    "aggregate_type, aggregate_id, last_seq",
                    "aggregate_type = ? AND aggregate_id = ?",
                    new Object[] {r.aggregateType(), r.aggregateId(), 0L},
                    2);
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "UPDATE outbox_key SET last_seq = last_seq + 1"
                                    + " WHERE aggregate_type = ? AND aggregate_id = ?")) {
                ps.setString(1, r.aggregateType());
                ps.setString(2, r.aggregateId());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement(
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
     * Reads a claimed row. A row the relay cannot understand (a status or headers that do not
     * parse, a missing payload) is returned as a {@link ClaimedRecord} whose {@code problem} says
     * why, so that the relay quarantines it instead of failing the batch.
     */
    private static ClaimedRecord read(Dialect d, ResultSet rs) throws SQLException {
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
                RecordStatus.PENDING,
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
