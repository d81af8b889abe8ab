package dev.outbox.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.outbox.cdi.internal.InboxStore;

/** The consumer inbox on the application's persistence unit, as SQL on its connection. */
@ApplicationScoped
public class JpaInboxStore implements InboxStore {

    private static final String KEYS = "outbox_inbox_key";

    @Inject OutboxEntityManager entityManager;
    @Inject JpaRecordStore records;

    @Override
    public boolean insertIfAbsent(String consumer, String messageId, Instant processedAt) {
        return JdbcWork.call(
                entityManager.get(),
                c ->
                        Rows.insertIfAbsent(
                                c,
                                records.access().dialect(c),
                                records.access().tables(),
                                Rows.Keyed.PROCESSED,
                                new Object[] {consumer, messageId, processedAt},
                                records.access().insertWait()));
    }

    @Override
    public long lockLastSequence(String consumer, String aggregateType, String aggregateId) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Rows.insertIfAbsent(
                            c,
                            records.access().dialect(c),
                            records.access().tables(),
                            Rows.Keyed.INBOX_KEY,
                            new Object[] {consumer, aggregateType, aggregateId, 0L, Instant.now()},
                            records.access().insertWait());
                    try (PreparedStatement ps =
                            records.access()
                                    .tables()
                                    .prepare(
                                            c,
                                            "SELECT last_seq FROM "
                                                    + KEYS
                                                    + " WHERE consumer = ? AND aggregate_type = ?"
                                                    + " AND aggregate_id = ? FOR UPDATE")) {
                        ps.setString(1, consumer);
                        ps.setString(2, aggregateType);
                        ps.setString(3, aggregateId);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getLong(1) : 0L;
                        }
                    }
                });
    }

    @Override
    public void saveLastSequence(
            String consumer, String aggregateType, String aggregateId, long sequence, Instant at) {
        JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = records.access().dialect(c);
                    try (PreparedStatement ps =
                            records.access()
                                    .tables()
                                    .prepare(
                                            c,
                                            "UPDATE "
                                                    + KEYS
                                                    + " SET last_seq = ?, updated_at = ?"
                                                    + " WHERE consumer = ? AND aggregate_type = ?"
                                                    + " AND aggregate_id = ?")) {
                        ps.setLong(1, sequence);
                        Times.bind(d, ps, 2, at);
                        ps.setString(3, consumer);
                        ps.setString(4, aggregateType);
                        ps.setString(5, aggregateId);
                        ps.executeUpdate();
                    }
                    return null;
                });
    }

    @Override
    public int purge(Instant before, int limit) {
        return JdbcWork.call(
                entityManager.get(),
                c -> {
                    Dialect d = records.access().dialect(c);
                    Sql sql = records.access().sql(d, Statement.PROCESSED_PURGE);
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(ps, Times.andLimit(d, before, limit));
                        return ps.executeUpdate();
                    }
                });
    }
}
