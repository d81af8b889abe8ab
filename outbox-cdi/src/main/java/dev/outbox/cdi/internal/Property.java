package dev.outbox.cdi.internal;

/**
 * Every {@code outbox.*} configuration property, with its default and what it does. The README's
 * configuration reference lists exactly these (a unit test checks it).
 */
public enum Property {
    RELAY_ENABLED("outbox.relay.enabled", "true", "Whether this server runs the relay."),
    RELAY_INTERVAL(
            "outbox.relay.interval",
            "1s",
            "How often the relay timer looks for due records (500ms, 2s, 1m or ISO-8601)."),
    RELAY_BATCH_SIZE(
            "outbox.relay.batch-size", "100", "Records sent per relay transaction, 1 to 10000."),
    RELAY_CONNECTION_FACTORY(
            "outbox.relay.connection-factory",
            "jms/outboxConnectionFactory",
            "JNDI name of the JMS connection factory of the Artemis resource adapter; when not set"
                    + " and jms/outboxConnectionFactory does not exist, the server's"
                    + " java:comp/DefaultJMSConnectionFactory."),
    RELAY_TRANSACTION_MODE(
            "outbox.relay.transaction-mode",
            "local",
            "local: send on a local JMS transaction, then mark (any datasource); xa: send and mark"
                    + " in one XA transaction (XA datasource)."),
    RELAY_IMMEDIATE(
            "outbox.relay.immediate",
            "true",
            "Relay records right after their transaction commits, not only on the timer."),
    RELAY_MAX_BACKOFF(
            "outbox.relay.max-backoff",
            "30s",
            "Longest pause of the whole relay while the broker is unreachable."),
    RELAY_BROKER_TIMEOUT(
            "outbox.relay.broker-timeout",
            "30s",
            "Longest a batch waits for the broker (connecting, sending, committing) before the"
                    + " relay interrupts it and pauses as for an outage, 1s to 1h."),
    RELAY_DUPLICATE_ID_CACHE_SIZE(
            "outbox.relay.duplicate-id-cache-size",
            "20000",
            "The broker's id-cache-size (ids it remembers per address), for the startup check of"
                    + " the retry window."),
    RETRY_INITIAL_DELAY(
            "outbox.retry.initial-delay",
            "1s",
            "Delay before the second attempt to send a record."),
    RETRY_MULTIPLIER(
            "outbox.retry.multiplier", "2", "Factor by which each further delay grows, 1 to 10."),
    RETRY_MAX_DELAY("outbox.retry.max-delay", "1m", "Longest delay between two attempts."),
    RETRY_JITTER(
            "outbox.retry.jitter",
            "0.2",
            "Random spread of each delay, a fraction from 0 to 1 (0.2: plus or minus 20 %)."),
    RETRY_MAX_ATTEMPTS(
            "outbox.retry.max-attempts",
            "20",
            "Failed attempts after which a record becomes FAILED, 1 to 1000."),
    ORDERING_FAILED_HEAD(
            "outbox.ordering.failed-head",
            "hold",
            "What a FAILED or QUARANTINED record does to later records of its key: hold them, or"
                    + " skip it."),
    RETENTION(
            "outbox.retention",
            "0s",
            "How long DISPATCHED records are kept; 0s deletes them as they are sent."),
    RETENTION_PURGE_BATCH(
            "outbox.retention.purge-batch-size",
            "1000",
            "Records deleted per purge statement, 1 to 100000."),
    INBOX_ORDERING(
            "outbox.inbox.ordering",
            "none",
            "Per-key order check of @Deduplicated consumers: none, check (skip older, report"
                    + " gaps) or strict (also roll back a message after a gap for redelivery)."),
    INBOX_RETENTION(
            "outbox.inbox.retention",
            "7d",
            "How long the inbox remembers a processed message; longer than the broker can"
                    + " redeliver or resend it."),
    PAYLOAD_MAX_SIZE(
            "outbox.payload.max-size",
            "1MB",
            "Largest serialized payload (UTF-8 bytes) an event may have; a larger one is refused"
                    + " when fired. 1 byte to 64MB, such as 65536, 64KB or 1MB."),
    DESTINATION_DEFAULT(
            "outbox.destination.default",
            "",
            "Queue for event types with no route and no @Route; none by default."),
    ROUTE(
            "outbox.route.<event type>",
            "",
            "Queue for one event type; wins over @Route and the default destination."),
    DATASOURCE(
            "outbox.datasource",
            "",
            "JNDI name of the outbox persistence unit's datasource, for the schema check; needed"
                    + " only when the JPA provider does not tell (EclipseLink)."),
    DATASOURCE_XA(
            "outbox.datasource.xa",
            "",
            "Whether that datasource is an XA datasource (true or false), for the check of"
                    + " transaction-mode xa; detected when empty. Set it where the server does not"
                    + " tell."),
    SCHEMA_CREATE(
            "outbox.schema.create",
            "false",
            "Create the outbox tables at startup if they are missing (for development)."),
    TABLE_SCHEMA(
            "outbox.table.schema",
            "",
            "Database schema (a database on MariaDB and MySQL) holding the outbox and inbox"
                    + " tables; the connection's current schema when empty."),
    DATABASE(
            "outbox.database",
            "",
            "Database dialect: postgresql, mariadb, mysql, h2, derby, oracle or sqlserver;"
                    + " detected from the JDBC connection when empty."),
    HEALTH_MAX_PENDING_AGE(
            "outbox.health.max-pending-age",
            "5m",
            "A pending record older than this, of a destination that is not paused, is reported"
                    + " as waiting (health data, log); with outbox.health.readiness=outbox it makes"
                    + " readiness DOWN."),
    HEALTH_READINESS(
            "outbox.health.readiness",
            "server",
            "What makes readiness (outbox-ops) DOWN: server, only outbox tables that cannot be"
                    + " read; or outbox, also a relay that cannot reach the broker and records"
                    + " older than max-pending-age, which on Kubernetes takes every pod out of"
                    + " service during a broker outage."),
    HEALTH_BACKLOG_CACHE(
            "outbox.health.backlog-cache",
            "5s",
            "How long the health checks and the metrics reuse one reading of the backlog, 0s"
                    + " (every call reads) to 1m."),
    ADMIN_ENABLED(
            "outbox.admin.enabled",
            "false",
            "Serve the admin REST API and console of outbox-ops; off by default."),
    ADMIN_ROLE(
            "outbox.admin.role",
            "outbox-admin",
            "The role that may do everything in the admin API and console; not * or **."),
    ADMIN_VIEWER_ROLE(
            "outbox.admin.viewer-role",
            "outbox-viewer",
            "The role that may list records and counts, without payloads or headers."),
    ADMIN_OPERATOR_ROLE(
            "outbox.admin.operator-role",
            "outbox-operator",
            "The role that may also retry, replay, delete, pause and resume, one by one or in"
                    + " bulk."),
    ADMIN_PAYLOAD_ROLE(
            "outbox.admin.payload-role",
            "outbox-payload",
            "The role that may also read a record's payload and headers."),
    ADMIN_AUDIT_TABLE(
            "outbox.admin.audit-table",
            "",
            "Table in the outbox's database where every admin action is also written; none by"
                    + " default (the log only).");

    private final String key;
    private final String defaultValue;
    private final String description;

    Property(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /**
     * @return the property name
     */
    public String key() {
        return key;
    }

    /**
     * @return the default as text; empty when there is none
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * @return one sentence on what the property does
     */
    public String description() {
        return description;
    }
}
