package dev.outbox.cdi.internal;

/**
 * Every {@code outbox.*} configuration property, with its default and what it does: the source of
 * the configuration reference, docs/configuration.md (a unit test keeps the page in step).
 */
public enum Property {
    RELAY_ENABLED("outbox.relay.enabled", "true", "Whether this server runs the relay."),
    RELAY_INTERVAL(
            "outbox.relay.interval",
            "1s",
            "How often the relay timer looks for due records (`500ms`, `2s`, `1m` or "
                    + "ISO-8601)."),
    RELAY_BATCH_SIZE(
            "outbox.relay.batch-size", "100", "Records sent per relay transaction, 1 to 10000."),
    RELAY_CONNECTION_FACTORY(
            "outbox.relay.connection-factory",
            "jms/outboxConnectionFactory",
            "JNDI name of the JMS connection factory of the Artemis resource adapter; "
                    + "checked at deployment. When it is not set and `jms/outboxConnectionFactory` "
                    + "does not exist, the server's `java:comp/DefaultJMSConnectionFactory` "
                    + "(`OUTBOX0318I`; WildFly's is `java:/JmsXA`)."),
    RELAY_TRANSACTION_MODE(
            "outbox.relay.transaction-mode",
            "local",
            "`local`: send on a local JMS transaction, commit it, then mark the records "
                    + "(works with any datasource; a crash in between resends, which `_AMQ_DUPL_ID` "
                    + "drops). `xa`: send and mark in one XA transaction (needs an XA datasource)."),
    RELAY_IMMEDIATE(
            "outbox.relay.immediate",
            "true",
            "Relay records right after their transaction commits, not only on the timer."),
    RELAY_MAX_BACKOFF(
            "outbox.relay.max-backoff",
            "30s",
            "Longest pause of the whole relay while the broker is unreachable; also how long "
                    + "a destination the broker refuses the relay (security, a full address that "
                    + "fails senders) stays paused before any server tries its records again (the "
                    + "server that paused a full address tries sooner: after "
                    + "`outbox.relay.interval`, doubling up to this)."),
    RELAY_BROKER_TIMEOUT(
            "outbox.relay.broker-timeout",
            "30s",
            "Longest a batch waits for the broker (connecting, sending, committing), 1s to "
                    + "1h; then the relay interrupts it and pauses as for an outage (`OUTBOX0317W`). A "
                    + "guard against connection factories that reconnect for ever."),
    RELAY_CLAIM_TIMEOUT(
            "outbox.relay.claim-timeout",
            "2 × broker-timeout",
            "PostgreSQL: longest the relay's transaction may sit idle between two statements "
                    + "(waiting for the broker, or a server frozen by a long GC pause or a "
                    + "suspended VM) before the database ends it, so that its claim on the "
                    + "records lapses and another server relays them; 2s to 2h, longer than the "
                    + "broker timeout. Elsewhere a claim lasts until its transaction ends. See "
                    + "[A frozen server](relay.md#a-frozen-server)."),
    RELAY_DUPLICATE_ID_CACHE_SIZE(
            "outbox.relay.duplicate-id-cache-size",
            "20000",
            "The broker's `id-cache-size` (ids remembered per address), used by the startup "
                    + "check of the retry window."),
    RETRY_INITIAL_DELAY(
            "outbox.retry.initial-delay",
            "1s",
            "Delay before the second attempt to send a record."),
    RETRY_MULTIPLIER(
            "outbox.retry.multiplier", "2", "Factor by which each further delay grows, 1 to 10."),
    RETRY_MAX_DELAY("outbox.retry.max-delay", "1m", "Longest delay between two attempts."),
    RETRY_JITTER(
            "outbox.retry.jitter", "0.2", "Random spread of each delay, a fraction from 0 to 1."),
    RETRY_MAX_ATTEMPTS(
            "outbox.retry.max-attempts",
            "20",
            "Failed attempts after which a record becomes `FAILED`, 1 to 1000."),
    ORDERING_FAILED_HEAD(
            "outbox.ordering.failed-head",
            "hold",
            "What a `FAILED` or `QUARANTINED` record does to later records of its key: "
                    + "`hold` them, or `skip` it (not with `outbox.inbox.ordering` `check` or "
                    + "`strict`: a retried record would be dropped as older)."),
    RETENTION(
            "outbox.retention",
            "0s",
            "How long `DISPATCHED` records are kept; `0s` deletes them as they are sent."),
    RETENTION_ARCHIVE(
            "outbox.retention.archive",
            "none",
            "Where dispatched records wait out the retention: `none`, in the queue table, purged by"
                    + " DELETE; `daily` (PostgreSQL), in `outbox_archive`, partitioned by day and"
                    + " retired a whole day at a time ([History by the day](relay.md#history-by-the-day-postgresql))."),
    RETENTION_PURGE_BATCH(
            "outbox.retention.purge-batch-size",
            "1000",
            "Records deleted per purge statement, 1 to 100000."),
    INBOX_ORDERING(
            "outbox.inbox.ordering",
            "none",
            "Per-key order check of `@Deduplicated` consumers: `none`, `check` (skip older "
                    + "messages, report gaps) or `strict` (also roll back a message after a gap for "
                    + "redelivery)."),
    INBOX_MAX_SEQUENCE_JUMP(
            "outbox.inbox.max-sequence-jump",
            "1000000",
            "Largest step forward of a key's `outboxSequence` the inbox's order check trusts; a "
                    + "message further ahead is refused and rolled back (`OUTBOX0409W`), so that a "
                    + "stray message cannot silence its key. 1 to 9223372036854775807."),
    INBOX_MISSING_ID(
            "outbox.inbox.missing-id",
            "reject",
            "What a `@Deduplicated` consumer does with a message that has neither "
                    + "`outboxRecordId` nor a JMS message id: `reject` it (rolled back, "
                    + "`OUTBOX0410W`) or `process-undeduplicated` (run the consumer without the "
                    + "inbox)."),
    INBOX_RETENTION(
            "outbox.inbox.retention",
            "7d",
            "How long the inbox remembers a processed message (see [Sizing the inbox "
                    + "retention](inbox.md#sizing-the-inbox-retention))."),
    PAYLOAD_MAX_SIZE(
            "outbox.payload.max-size",
            "1MB",
            "Largest serialized payload and headers (UTF-8 bytes, header names included) an "
                    + "event may have; a larger one is refused when fired (`OUTBOX0106E`). 1 byte "
                    + "to 64MB, such as 65536, 64KB or 1MB."),
    DELIVERY_MAX_DELAY(
            "outbox.delivery.max-delay",
            "366d",
            "Furthest in the future an event may ask to be delivered (`OutboxEvent.deliverAt`); a "
                    + "later time is refused when the event is fired (`OUTBOX0107E`). 1s to 3650d. "
                    + "See [Delayed delivery](relay.md#delayed-delivery)."),
    DESTINATION_DEFAULT(
            "outbox.destination.default",
            "",
            "Queue (or `topic://` and a topic) for event types with no route and no `@Route`."),
    ROUTE(
            "outbox.route.<event type>",
            "",
            "Queue for one event type, or `topic://` and a topic (an Artemis multicast address);"
                    + " wins over `@Route` and the default destination."),
    DATASOURCE(
            "outbox.datasource",
            "",
            "JNDI name of the outbox persistence unit's datasource, for the schema check; "
                    + "needed only when the JPA provider does not tell (EclipseLink)."),
    DATASOURCE_XA(
            "outbox.datasource.xa",
            "detected",
            "Whether that datasource is XA (`true`/`false`), for the check of "
                    + "`transaction-mode=xa`; detected on Open Liberty and WildFly, set it where the "
                    + "server does not tell."),
    SCHEMA_CREATE(
            "outbox.schema.create",
            "false",
            "Create the outbox tables at startup if they are missing (for development)."),
    TABLE_SCHEMA(
            "outbox.table.schema",
            "",
            "Database schema (a database on MariaDB and MySQL) holding the outbox and inbox "
                    + "tables; the connection's current schema when empty. One identifier: letters, "
                    + "digits and underscores (see [Another "
                    + "schema](getting-started.md#another-schema))."),
    DATABASE(
            "outbox.database",
            "detected",
            "Database dialect: `postgresql`, `mariadb`, `mysql`, `h2`, `derby`, `oracle` or "
                    + "`sqlserver`. Oracle and SQL Server are never detected: their statements "
                    + "were parsed in a unit test only and never ran, so they are used only when "
                    + "set here (`OUTBOX0209E`, `OUTBOX0210W`)."),
    STORE_INSERT_WAIT(
            "outbox.store.insert-wait",
            "30s",
            "On databases without an insert-if-absent statement (H2, Derby, Oracle, SQL Server), "
                    + "longest an insert waits, inside the caller's transaction, for another "
                    + "transaction's row with the same key to commit or roll back (pause, inbox, "
                    + "first record of a key), 100ms to 10m; then it fails (`OUTBOX0212E`). Keep "
                    + "it below the transaction timeout."),
    HEALTH_MAX_PENDING_AGE(
            "outbox.health.max-pending-age",
            "5m",
            "A pending record older than this, of a destination that is not paused, is a "
                    + "`records-waiting` condition of readiness (`outbox-ops`)."),
    HEALTH_READINESS(
            "outbox.health.readiness",
            "server",
            "What makes readiness DOWN: `server`, only outbox tables that cannot be read; "
                    + "`outbox`, also a relay that cannot reach the broker and records waiting too "
                    + "long (a broker outage then takes the application out of service). See "
                    + "[Health](operations.md#health)."),
    HEALTH_BACKLOG_CACHE(
            "outbox.health.backlog-cache",
            "5s",
            "How long the health checks and the metrics reuse one reading of the backlog, "
                    + "`0s` to `1m`."),
    ADMIN_ENABLED(
            "outbox.admin.enabled",
            "false",
            "Serve the admin REST API and console of `outbox-ops`."),
    ADMIN_ROLE(
            "outbox.admin.role",
            "outbox-admin",
            "The role with every right of the admin API and console "
                    + "([roles](operations.md#admin-api-and-console)); not `*`, `**` or empty."),
    ADMIN_VIEWER_ROLE(
            "outbox.admin.viewer-role",
            "outbox-viewer",
            "The role that sees lists, counts and the backlog, without payloads or headers."),
    ADMIN_OPERATOR_ROLE(
            "outbox.admin.operator-role",
            "outbox-operator",
            "The role that also retries, replays, deletes and pauses."),
    ADMIN_PAYLOAD_ROLE(
            "outbox.admin.payload-role",
            "outbox-payload",
            "The role that also sees a record's payload and headers (each view audited)."),
    ADMIN_AUDIT_TABLE(
            "outbox.admin.audit-table",
            "",
            "Table in the outbox's database where every admin action, payload view and "
                    + "refused request is also written (see [Audit](operations.md#audit)); the log "
                    + "only by default.");

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
     * @return the default as text; empty when there is none, {@code detected} when the outbox finds
     *     the value at startup
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
