package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.outbox.OutboxRecord;
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

    @Inject OutboxEntityManager entityManager;
    @Inject OutboxSettings settings;

    private volatile Dialect dialect;

    @Override
    public void append(NewRecord record) {
        EntityManager em = entityManager.get();
        long sequence = JdbcWork.call(em, c -> nextSequence(c, record));
        em.persist(new OutboxRecordEntity(record, sequence));
    }

    @Override
    public List<OutboxRecord> claim(int limit, Instant now) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    List<OutboxRecord> claimed = new ArrayList<>();
                    Sql sql = Sql.of(d.claim());
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(
                                ps,
                                (st, i, n) -> {
                                    if (n == 1) {
                                        Times.bind(d, st, i, now);
                                    } else {
                                        st.setInt(i, limit);
                                    }
                                });
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

    @Override
    public void markDispatched(Collection<String> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = dialect(c);
                    String sql =
                            "UPDATE outbox_record SET status = 'DISPATCHED', dispatched_at = ?"
                                    + " WHERE id = ?";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (String id : ids) {
                            Times.bind(d, ps, 1, at);
                            ps.setString(2, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
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
        Sql increment = Sql.of(d.incrementSequence());
        try (PreparedStatement ps = c.prepareStatement(increment.jdbc())) {
            increment.bind(ps, key);
            ps.executeUpdate();
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

    private static ClaimedRecord read(Dialect d, ResultSet rs) throws SQLException {
        return new ClaimedRecord(
                rs.getString("id"),
                rs.getString("aggregate_type"),
                rs.getString("aggregate_id"),
                rs.getLong("seq"),
                rs.getString("event_type"),
                rs.getInt("event_version"),
                rs.getString("destination"),
                rs.getString("content_type"),
                rs.getString("payload"),
                HEADERS.convertToEntityAttribute(rs.getString("headers")),
                RecordStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Times.read(d, rs, "written_at"),
                Times.read(d, rs, "next_attempt_at"),
                Times.read(d, rs, "dispatched_at"),
                rs.getString("last_error"));
    }
}
