package dev.outbox.jpa.internal;

import java.util.HashMap;
import java.util.Map;

/** MariaDB's statements; MySQL's differ only in the claim ({@link MySqlDialect}). */
class MariaDbDialect extends Dialect {

    static final String INCREMENT_SEQUENCE =
            """
            INSERT INTO outbox_key (aggregate_type, aggregate_id, last_seq) VALUES (?1, ?2, 1)
            ON DUPLICATE KEY UPDATE last_seq = last_seq + 1""";

    static final String PAUSE_INSERT_IF_ABSENT =
            """
            INSERT IGNORE INTO outbox_pause (destination, paused_at, paused_by)
            VALUES (?, ?, ?)""";

    static final String PROCESSED_INSERT_IF_ABSENT =
            """
            INSERT IGNORE INTO outbox_processed (consumer, message_id, processed_at)
            VALUES (?, ?, ?)""";

    static final String INBOX_KEY_INSERT_IF_ABSENT =
            """
            INSERT IGNORE INTO outbox_inbox_key (consumer, aggregate_type, aggregate_id,
              last_seq, updated_at)
            VALUES (?, ?, ?, ?, ?)""";

    MariaDbDialect() {
        this("mariadb", Map.of());
    }

    /**
     * @param name the name used in {@code outbox.database}
     * @param own statements replacing MariaDB's
     */
    MariaDbDialect(String name, Map<Statement, String> own) {
        super(name, "mariadb", with(own));
    }

    private static Map<Statement, String> with(Map<Statement, String> own) {
        Map<Statement, String> all =
                new HashMap<>(
                        Map.of(
                                Statement.INCREMENT_SEQUENCE,
                                INCREMENT_SEQUENCE,
                                Statement.CLAIM_HOLD_UNSENT,
                                CommonStatements.LIMIT_CLAIM_HOLD_UNSENT,
                                Statement.CLAIM_HOLD_PENDING,
                                CommonStatements.LIMIT_CLAIM_HOLD_PENDING,
                                Statement.PURGE,
                                CommonStatements.LIMIT_PURGE,
                                Statement.PROCESSED_PURGE,
                                CommonStatements.LIMIT_PROCESSED_PURGE,
                                Statement.PAUSE_INSERT_IF_ABSENT,
                                PAUSE_INSERT_IF_ABSENT,
                                Statement.PROCESSED_INSERT_IF_ABSENT,
                                PROCESSED_INSERT_IF_ABSENT,
                                Statement.INBOX_KEY_INSERT_IF_ABSENT,
                                INBOX_KEY_INSERT_IF_ABSENT));
        all.putAll(own);
        return all;
    }

    /** DATETIME columns without a zone: UTC wall-clock time, as Hibernate writes it. */
    @Override
    boolean zonedTimes() {
        return false;
    }
}
