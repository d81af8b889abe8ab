package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordStatus;

/**
 * The relay's part of the store: claims due records, marks them dispatched (or deletes them),
 * records failed attempts, purges dispatched records and quarantines rows of unknown status.
 */
final class RecordRelay {

    private final StoreAccess access;

    RecordRelay(StoreAccess access) {
        this.access = access;
    }

    List<OutboxRecord> claim(int limit, Instant now, boolean holdFailedHeads) {
        return access.call(
                (c, d) -> {
                    String claim = d.claim(holdFailedHeads);
                    if (claim == null) {
                        return claimOneByOne(c, d, limit, now, holdFailedHeads);
                    }
                    String before = d.beforeClaim(access.claimTimeout());
                    if (before != null) {
                        try (java.sql.Statement s = c.createStatement()) {
                            s.execute(access.tables().qualify(before));
                        }
                    }
                    List<OutboxRecord> claimed = new ArrayList<>();
                    Sql sql = access.tables().sql(claim);
                    try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                        sql.bind(ps, Times.andLimit(d, now, limit));
                        ps.setMaxRows(limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                claimed.add(RecordRows.read(d, rs, RecordStatus.PENDING));
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
        try (PreparedStatement lock = access.prepare(c, d, Statement.LOCK_CANDIDATE);
                PreparedStatement read = access.prepare(c, d, Statement.READ_RECORD)) {
            for (String id : candidates) {
                lock.setString(1, id);
                Times.bind(d, lock, 2, now);
                if (lock.executeUpdate() != 1) {
                    continue;
                }
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        claimed.add(RecordRows.read(d, rs, RecordStatus.PENDING));
                    }
                }
            }
        }
        return claimed;
    }

    void markDispatched(Collection<String> ids, Instant at, boolean keep) {
        if (ids.isEmpty()) {
            return;
        }
        access.call(
                (c, d) -> {
                    Statement mark = keep ? Statement.MARK_DISPATCHED : Statement.MARK_DELETED;
                    try (PreparedStatement ps = access.prepare(c, d, mark)) {
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

    boolean markAttemptFailed(
            String id, int attemptsBefore, RecordStatus status, Instant nextAttempt, String error) {
        return access.call(
                (c, d) -> {
                    boolean pending = status == RecordStatus.PENDING;
                    Statement update =
                            pending
                                    ? Statement.ATTEMPT_FAILED_RETRY
                                    : Statement.ATTEMPT_FAILED_FINAL;
                    try (PreparedStatement ps = access.prepare(c, d, update)) {
                        int i = 1;
                        ps.setInt(i++, attemptsBefore + 1);
                        ps.setString(i++, status.name());
                        ps.setString(i++, RecordRows.truncate(error));
                        if (pending) {
                            Times.bind(d, ps, i++, nextAttempt);
                        }
                        ps.setString(i++, id);
                        ps.setInt(i, attemptsBefore);
                        return ps.executeUpdate() == 1;
                    }
                });
    }

    int purgeDispatched(Instant dispatchedBefore, int limit) {
        return access.call(
                (c, d) -> {
                    int archived = 0;
                    if (d.archives()) {
                        archived = purge(c, d, Statement.ARCHIVE_PURGE, dispatchedBefore, limit);
                        if (archived >= limit) {
                            return archived;
                        }
                    }
                    return archived + purgeTable(c, d, dispatchedBefore, limit - archived);
                });
    }

    /**
     * Makes the archive's days ahead and retires its days older than {@code before}, where the
     * dialect archives.
     *
     * @return the days retired
     */
    List<LocalDate> keepArchive(Instant now, Instant before) {
        return access.call(
                (c, d) ->
                        d.archives()
                                ? new ArchiveDays(d, access.tables()).keep(c, now, before)
                                : List.<LocalDate>of());
    }

    private int purge(Connection c, Dialect d, Statement purge, Instant before, int limit)
            throws SQLException {
        Sql sql = access.sql(d, purge);
        try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            sql.bind(ps, Times.andLimit(d, before, limit));
            return ps.executeUpdate();
        }
    }

    private int purgeTable(Connection c, Dialect d, Instant dispatchedBefore, int limit)
            throws SQLException {
        if (d.sql(Statement.PURGE) == null) {
            return purgeOneByOne(c, d, dispatchedBefore, limit);
        }
        return purge(c, d, Statement.PURGE, dispatchedBefore, limit);
    }

    private int purgeOneByOne(Connection c, Dialect d, Instant dispatchedBefore, int limit)
            throws SQLException {
        List<String> ids = ids(c, d, d.sql(Statement.PURGE_CANDIDATES), dispatchedBefore, limit);
        int deleted = 0;
        try (PreparedStatement ps = access.prepare(c, d, Statement.PURGE_ONE)) {
            for (String id : ids) {
                ps.setString(1, id);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /**
     * @param query a dialect's query of record ids, ?1 an instant and ?2 a row limit
     * @return the ids it selects
     */
    private List<String> ids(Connection c, Dialect d, String query, Instant instant, int limit)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        Sql sql = access.tables().sql(query);
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

    Map<String, String> quarantineUnknownStatus(int limit) {
        return access.call(
                (c, d) -> {
                    Map<String, String> found = new LinkedHashMap<>();
                    // no setMaxRows: MariaDB's driver then fails to close the statement
                    try (PreparedStatement ps = access.prepare(c, d, Statement.UNKNOWN_STATUS);
                            ResultSet rs = ps.executeQuery()) {
                        while (found.size() < limit && rs.next()) {
                            found.put(rs.getString(1), rs.getString(2));
                        }
                    }
                    Map<String, String> quarantined = new LinkedHashMap<>();
                    try (PreparedStatement ps =
                            access.prepare(c, d, Statement.QUARANTINE_UNKNOWN)) {
                        for (Map.Entry<String, String> e : found.entrySet()) {
                            ps.setString(
                                    1,
                                    RecordRows.truncate("unknown status '" + e.getValue() + "'"));
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
}
