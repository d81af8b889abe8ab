package dev.outbox.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One scenario run's three ledgers, reconciled: what the database committed ({@code fault_order}
 * and the outbox's records), what the broker delivered to the consumers ({@code fault_delivery},
 * every delivery filed before the inbox sees it), and what the consumers processed ({@code
 * fault_processed}, the side effect in the consumer's transaction).
 *
 * @param committed good events committed (business rows)
 * @param poison poison events committed
 * @param poisonSettled poison records QUARANTINED or FAILED
 * @param delivered distinct records the broker delivered
 * @param brokerDuplicates deliveries beyond the first of a record: redeliveries and resent copies,
 *     which the inbox must drop
 * @param processedDuplicates side effects beyond the first of a record: copies past the inbox
 * @param lost good events committed but never processed
 * @param phantoms side effects of events that were never committed
 * @param orderViolations processed messages with a lower sequence than one processed before them on
 *     the same key
 * @param stuck the run's outbox records still PENDING
 * @param recoverySeconds seconds from the later of the last fault's healing and the end of the load
 *     until the ledgers agreed, or -1 when they did not within the recovery window
 * @param problems what the scenario itself saw fail (empty when nothing)
 */
record Result(
        long committed,
        long poison,
        long poisonSettled,
        long delivered,
        long brokerDuplicates,
        long processedDuplicates,
        long lost,
        long phantoms,
        long orderViolations,
        long stuck,
        double recoverySeconds,
        List<String> problems) {

    /**
     * Reads the ledgers of a run.
     *
     * @param run the run: every key starts with it
     * @param recoverySeconds the measured recovery time
     * @param problems what the scenario saw fail
     */
    static Result read(Connection c, String run, double recoverySeconds, List<String> problems)
            throws SQLException {
        return new Result(
                Database.count(
                        c, "SELECT count(*) FROM fault_order WHERE run = ? AND kind = 'GOOD'", run),
                Database.count(
                        c,
                        "SELECT count(*) FROM fault_order WHERE run = ? AND kind <> 'GOOD'",
                        run),
                Database.count(
                        c,
                        "SELECT count(*) FROM outbox_record WHERE aggregate_id LIKE ? || '.p%'"
                                + " AND status IN ('QUARANTINED', 'FAILED')",
                        run),
                Database.count(
                        c,
                        "SELECT count(DISTINCT record_id) FROM fault_delivery WHERE run = ?",
                        run),
                Database.count(
                        c,
                        "SELECT count(*) - count(DISTINCT record_id) FROM fault_delivery"
                                + " WHERE run = ?",
                        run),
                Database.count(
                        c,
                        "SELECT count(*) - count(DISTINCT record_id) FROM fault_processed"
                                + " WHERE run = ?",
                        run),
                lost(c, run),
                Database.count(
                        c,
                        "SELECT count(*) FROM fault_processed p WHERE p.run = ? AND NOT EXISTS"
                                + " (SELECT 1 FROM fault_order o WHERE o.id = p.order_id)",
                        run),
                Database.count(
                        c,
                        "SELECT count(*) FROM (SELECT seq, max(seq) OVER (PARTITION BY"
                                + " aggregate_id ORDER BY serial ROWS BETWEEN UNBOUNDED PRECEDING"
                                + " AND 1 PRECEDING) AS before FROM fault_processed WHERE run = ?)"
                                + " t WHERE seq < before",
                        run),
                stuck(c, run),
                recoverySeconds,
                List.copyOf(problems));
    }

    /**
     * @return good events committed but not processed (yet)
     */
    static long lost(Connection c, String run) throws SQLException {
        return Database.count(
                c,
                "SELECT count(*) FROM fault_order o WHERE o.run = ? AND o.kind = 'GOOD' AND NOT"
                        + " EXISTS (SELECT 1 FROM fault_processed p WHERE p.order_id = o.id)",
                run);
    }

    /**
     * @return good events written after a moment and processed since
     */
    static long processedWrittenAfter(String run, java.time.Instant after) throws SQLException {
        return Database.count(
                "SELECT count(*) FROM fault_processed p JOIN fault_order o ON o.id = p.order_id"
                        + " WHERE p.run = ? AND o.created_at > ?",
                run,
                after);
    }

    /**
     * @return the distinct events each consumer server processed, by server
     */
    static java.util.Map<String, Long> processedPerServer(String run) throws SQLException {
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        try (Connection c = Database.connect();
                java.sql.PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT server, count(DISTINCT record_id) FROM fault_processed"
                                        + " WHERE run = ? GROUP BY server")) {
            ps.setString(1, run);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    by.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return by;
    }

    /**
     * @return the seconds from the run's first write to its last processed event, or -1
     */
    static double endToEndSeconds(String run) throws SQLException {
        try (Connection c = Database.connect();
                java.sql.PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT extract(epoch FROM (SELECT max(processed_at) FROM"
                                        + " fault_processed WHERE run = ?) - (SELECT"
                                        + " min(created_at) FROM fault_order WHERE run = ?))")) {
            ps.setString(1, run);
            ps.setString(2, run);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                double seconds = rs.getDouble(1);
                return rs.wasNull() ? -1 : seconds;
            }
        }
    }

    /**
     * @return the run's records still pending
     */
    static long stuck(Connection c, String run) throws SQLException {
        return Database.count(
                c,
                "SELECT count(*) FROM outbox_record WHERE aggregate_id LIKE ? || '.%'"
                        + " AND status = 'PENDING'",
                run);
    }

    /**
     * @return whether every pass criterion holds
     */
    boolean passed() {
        return lost == 0
                && processedDuplicates == 0
                && orderViolations == 0
                && stuck == 0
                && phantoms == 0
                && poisonSettled == poison
                && recoverySeconds >= 0
                && problems.isEmpty();
    }
}
