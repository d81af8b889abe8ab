package dev.outbox.cdi.internal;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The message catalogue: every log line and exception message of the outbox, each with a stable id.
 * An id is never reused for a different meaning; retired ids stay listed as comments.
 *
 * <p>Ranges: 0001-0099 configuration, 0100-0199 capture, 0200-0299 storage and schema, 0300-0399
 * relay, 0400-0499 inbox, 0500-0599 administration, 0600-0699 operations (health, metrics, tracing,
 * the admin API and console of outbox-ops, the test kit).
 */
public enum Msg {
    // configuration
    CONFIG_INVALID(1, 'E', "Invalid value '%s' for %s: %s"),
    CONFIG_UNKNOWN_PROPERTY(2, 'W', "Unknown property %s=%s is ignored; known properties: %s"),
    CONFIG_NO_STORE(
            3, 'E', "No RecordStore bean found: add the outbox-jpa module to the application"),
    CONFIG_JNDI_MISSING(4, 'E', "Invalid value '%s' for %s: no resource with that JNDI name: %s"),
    CONFIG_JNDI_WRONG_TYPE(5, 'E', "Invalid value '%s' for %s: the resource is a %s, not a %s"),
    CONFIG_NO_CONNECTION_FACTORY(
            6,
            'E',
            "The relay has no connection factory: outbox.relay.connection-factory is not set, and"
                    + " neither %s nor the server's default %s exists (%s). Set"
                    + " outbox.relay.connection-factory to the JNDI name of the connection factory"
                    + " of the Artemis resource adapter (Open Liberty: the jndiName of a"
                    + " <connectionFactory>; WildFly: java:/JmsXA or an entry of a"
                    + " pooled-connection-factory), or outbox.relay.enabled=false"),

    // capture
    CAPTURE_NO_TRANSACTION(
            101,
            'E',
            "Event %s (%s) was fired without an active JTA transaction (status: %s). The outbox"
                    + " stores an event only within the caller's transaction: fire it from a"
                    + " @Transactional method or an EJB with container-managed transactions."
                    + " Nothing was written."),
    CAPTURE_INVALID_EVENT(
            102,
            'E',
            "Event %s (%s) cannot be stored: %s. The transaction is marked for rollback."),
    CAPTURE_NO_ROUTE(
            103,
            'E',
            "Event %s (%s) has no destination: set outbox.route.%s or outbox.destination.default,"
                    + " or annotate the class with @Route. The transaction is marked for rollback."),
    CAPTURE_SERIALIZATION_FAILED(
            104,
            'E',
            "Event %s (%s): the payload cannot be serialized by %s: %s. The transaction is marked"
                    + " for rollback."),
    CAPTURE_PAYLOAD_TOO_LARGE(
            106,
            'E',
            "Event %s (%s) cannot be stored: its serialized payload and its headers are %d bytes,"
                    + " above outbox.payload.max-size=%d. The transaction is marked for rollback."),
    CAPTURE_DELAY_TOO_LONG(
            107,
            'E',
            "Event %s (%s) cannot be stored: it asks to be delivered at %s, about %s from now, further"
                    + " than outbox.delivery.max-delay=%s. The transaction is marked for rollback."),
    CAPTURE_ASYNC(
            105,
            'E',
            "Event %s (%s) was fired with fireAsync(), which runs outside the caller's"
                    + " transaction: the outbox ignored it. Use Event.fire() inside the"
                    + " transaction."),

    // storage and schema
    STORE_UNKNOWN_DATABASE(
            201,
            'E',
            "The outbox does not know the database '%s'; supported: %s. Set outbox.database to one"
                    + " of them if it is compatible."),
    STORE_SCHEMA_CREATED(202, 'I', "Created the outbox tables on %s from %s"),
    STORE_SCHEMA_PRESENT(203, 'I', "The outbox tables exist on %s; nothing to create"),
    STORE_SCHEMA_FAILED(204, 'E', "Could not check the outbox tables through %s: %s"),
    STORE_NO_ENTITY(
            205,
            'E',
            "The persistence unit used by the outbox does not map %s: add"
                    + " <mapping-file>META-INF/outbox-orm.xml</mapping-file> to it in"
                    + " persistence.xml"),
    STORE_SCHEMA_MISSING(
            207,
            'E',
            "The outbox schema on %s is incomplete: %s. Run the DDL in %s (inside the outbox-jpa"
                    + " jar; tables made by an earlier version need only the files they lack), or"
                    + " set outbox.schema.create=true to create what is missing at startup"),
    STORE_PERSISTENCE_UNIT(
            206,
            'E',
            "The outbox has no persistence unit: %s produced with @OutboxPersistence, and the"
                    + " container could not inject the application's persistence unit (it has none,"
                    + " several, or it failed to start: see the errors before this one). Produce the"
                    + " entity manager of the unit that holds the outbox tables:"
                    + " @Produces @OutboxPersistence @PersistenceContext(unitName = \"...\")"
                    + " EntityManager em;"),
    STORE_NO_AUTOVACUUM(
            208,
            'W',
            "%s does not autovacuum %s (%s): every record sent or purged leaves a dead"
                    + " row, and the relay's claim and the application's writes slow down as they"
                    + " pile up. Enable autovacuum, or VACUUM the outbox tables regularly (a few"
                    + " times an hour under load)"),
    STORE_UNTESTED_DATABASE_DETECTED(
            209,
            'E',
            "The outbox's database is %s: the outbox's statements for it have never run (they"
                    + " are parsed in a unit test only), so detection does not choose them. Set"
                    + " outbox.database=%s to use them anyway, after testing capture, relay and"
                    + " administration on %s"),
    STORE_UNTESTED_DATABASE(
            210,
            'W',
            "outbox.database=%s: the outbox's statements for this database were parsed in a unit"
                    + " test only and never executed against it, and its DDL (%s) never ran: test"
                    + " capture, relay, purge and administration on it before relying on them"),
    STORE_HEADERS_INVALID(
            211, 'E', "The headers of outbox record %s are not a flat JSON object of strings: %s"),
    STORE_ARCHIVE_UNSUPPORTED(
            213,
            'E',
            "outbox.retention.archive=daily moves dispatched records into a table partitioned by"
                    + " day, which the outbox does on PostgreSQL only, and the database is %s:"
                    + " remove the property (dispatched records are then purged by DELETE)"),
    STORE_ARCHIVE_DAYS_FAILED(
            214,
            'W',
            "Could not prepare the archive's partition for %s (%s): records dispatched that day go"
                    + " to its default partition and are purged from there by DELETE. The relay's"
                    + " housekeeping tries again: %s"),
    STORE_INSERT_WAIT(
            212,
            'E',
            "Gave up after %s waiting for another transaction's row in %s to commit or roll back"
                    + " (outbox.store.insert-wait)"),

    // relay
    RELAY_STARTED(
            301, 'I', "Relay started: every %s, batches of up to %d, connection factory %s, %s"),
    RELAY_DISABLED(302, 'I', "Relay disabled on this server by outbox.relay.enabled=false"),
    // 303 retired: a failed batch is now reported as OUTBOX0306W
    RELAY_RECOVERED(304, 'I', "Relay recovered after %d failed attempts over %s"),
    RELAY_STOPPED(305, 'I', "Relay stopped"),
    RELAY_BROKER_UNREACHABLE(
            306,
            'W',
            "The relay cannot work and pauses (up to %s between attempts), logging a summary every"
                    + " %s until it recovers; records stay pending: %s"),
    RELAY_STILL_UNREACHABLE(
            307,
            'W',
            "The relay still cannot work after %d attempts over %s; records stay pending: %s"),
    RELAY_RETRY_SCHEDULED(
            308,
            'W',
            "Record %s (%s %s/%s #%d to %s) failed to send, attempt %d of %d; next attempt at %s: %s"),
    RELAY_RECORD_FAILED(
            309,
            'E',
            "Record %s (%s %s/%s #%d to %s) is FAILED after %d attempts; it waits for an operator"
                    + " (Outbox.retry or delete): %s"),
    RELAY_RECORD_QUARANTINED(
            310,
            'E',
            "Record %s (%s %s/%s #%d to %s) is QUARANTINED: it can never be sent as it is; it"
                    + " waits for an operator (Outbox.retry or delete): %s"),
    RELAY_DUPLICATE_WINDOW(
            311,
            'W',
            "A message the broker accepted but did not confirm can be resent up to %s later"
                    + " (outbox.retry.max-delay with its jitter, or outbox.relay.max-backoff), but the"
                    + " broker remembers only the last %d message ids per address"
                    + " (outbox.relay.duplicate-id-cache-size): above %.1f messages per second to one"
                    + " address such a copy can pass the broker's duplicate detection. Raise the"
                    + " broker's id-cache-size, shorten the delays, or deduplicate in the consumer"
                    + " (the inbox)."),
    RELAY_MODE_XA_WITHOUT_XA_DATASOURCE(
            312,
            'E',
            "Invalid value 'xa' for outbox.relay.transaction-mode: %s. Use local, or give the"
                    + " persistence unit an XA datasource (Open Liberty: <dataSource"
                    + " type=\"javax.sql.XADataSource\">; WildFly: an xa-data-source)"),
    RELAY_LOCAL_NOT_TRANSACTED(
            313,
            'W',
            "The connection factory %s refuses local transactions, so each message is sent on its"
                    + " own; allow them to send a batch in one transaction (Open Liberty:"
                    + " AllowLocalTransactions=\"true\" in its properties.artemis; WildFly:"
                    + " allow-local-transactions=true on its pooled-connection-factory): %s"),
    RELAY_PURGED(314, 'I', "Purged %d dispatched records older than %s"),
    RELAY_UNKNOWN_STATUS(
            315,
            'E',
            "Record %s has the status '%s', which the outbox does not know (was the row changed by"
                    + " hand?): it is now QUARANTINED and waits for an operator (Outbox.retry or"
                    + " delete)"),
    RELAY_SWEEP_FAILED(
            316,
            'W',
            "Could not look for records with a status the outbox does not know; trying again in"
                    + " %s: %s"),
    RELAY_BROKER_TIMEOUT(
            317,
            'W',
            "The broker has not answered the relay for %s (outbox.relay.broker-timeout) through"
                    + " the connection factory %s: the relay interrupts the call and pauses as for"
                    + " an outage. A connection factory that retries for ever makes every call wait"
                    + " while the broker is away: let it fail at once and leave the retries to the"
                    + " relay (Open Liberty: ReconnectAttempts=\"0\" InitialConnectAttempts=\"1\""
                    + " in its properties.artemis; WildFly: reconnect-attempts=0 and"
                    + " initial-connect-attempts=1 on its pooled-connection-factory). A full"
                    + " address whose policy is BLOCK makes a send wait too"),
    RELAY_DEFAULT_CONNECTION_FACTORY(
            318,
            'I',
            "outbox.relay.connection-factory is not set and %s does not exist: the relay sends"
                    + " through the server's default connection factory %s"),
    RELAY_QUEUE_CHECK_UNAVAILABLE(
            319,
            'W',
            "The relay cannot ask the broker whether its queues exist (%s): a missing queue shows"
                    + " as failed sends and retries instead of a quarantine at once. Said once."),
    RELAY_HOUSEKEEPING_FAILED(
            320,
            'W',
            "The relay could not purge dispatched records (%d failed attempts over %s): the purge"
                    + " tries again with pauses of up to %s, and sending goes on: %s"),
    RELAY_HOUSEKEEPING_RECOVERED(
            321, 'I', "The relay purges dispatched records again after %d failed attempts over %s"),
    RELAY_DESTINATION_REFUSED(
            322,
            'W',
            "The broker refuses the relay to send to %s (security): the relay pauses it on every"
                    + " server (in outbox_pause, paused by '%s'; an operator may resume it), its"
                    + " records stay pending and the other destinations go on; any server lifts the"
                    + " pause after %s (outbox.relay.max-backoff) to try again: %s"),
    RELAY_DESTINATION_ACCEPTED(
            323,
            'I',
            "The broker lets the relay send to %s again after %d refused attempts over %s"),
    RELAY_DESTINATION_FULL(
            325,
            'W',
            "The broker refuses the relay to send to %s: its address is full and fails senders"
                    + " (address-full-policy FAIL). The relay pauses it on every server (in"
                    + " outbox_pause, paused by '%s'; an operator may resume it), its records stay"
                    + " pending and are charged nothing, and the other destinations go on; this"
                    + " server tries it again after %s, doubling while it stays full, and any server"
                    + " lifts the pause after %s (outbox.relay.max-backoff): %s"),
    RELAY_RETIRED(
            326,
            'I',
            "Retired %d day(s) of dispatched records from the archive, all older than %s: %s"),
    RELAY_LIFT_FAILED(
            324,
            'W',
            "Could not lift the relay's expired pauses of refused destinations (outbox_pause rows"
                    + " paused by '%s'); trying again in %s, and sending goes on: %s"),

    // inbox
    INBOX_DUPLICATE(401, 'I', "Consumer %s skipped message %s: already processed"),
    INBOX_OLDER(
            402,
            'W',
            "Consumer %s skipped message %s (%s/%s #%d): it already processed #%d of that key, %d"
                    + " later. A record retried after it was skipped, or a message not sent by the"
                    + " relay"),
    INBOX_GAP(
            403,
            'W',
            "Consumer %s received message %s (%s/%s #%d) but processed only up to #%d of that key:"
                    + " %d message(s) missing; %s"),
    INBOX_NO_TRANSACTION(
            404,
            'E',
            "The inbox of consumer %s needs an active JTA transaction (status: %s): the processed"
                    + " row must commit or roll back with the consumer's work"),
    INBOX_INVALID(405, 'E', "The inbox cannot record consumer '%s', message '%s': %s"),
    INBOX_NO_MESSAGE(
            406,
            'E',
            "@Deduplicated on %s needs a jakarta.jms.Message parameter to find the message id"),
    INBOX_PURGED(407, 'I', "Purged %d inbox rows older than %s"),
    INBOX_IMPLAUSIBLE_SEQUENCE(
            409,
            'W',
            "Consumer %s refused message %s (%s/%s #%d): it is %d ahead of #%d, the last processed"
                    + " of that key, beyond outbox.inbox.max-sequence-jump=%d. Rolled back: the"
                    + " broker redelivers it, then moves it to its dead-letter address. Only the"
                    + " relay should send to outbox queues"),
    INBOX_NO_ID(
            410,
            'W',
            "Consumer %s received a message with neither outboxRecordId nor a JMS message id: %s"
                    + " (outbox.inbox.missing-id=%s). Said once per consumer"),
    INBOX_REFUSED(
            411,
            'W',
            "Consumer %s refused message %s: rolled back, see the warning before (OUTBOX0409W or"
                    + " OUTBOX0410W)"),
    INBOX_HELD(
            408,
            'W',
            "Consumer %s holds message %s back until the messages before it on its key have been"
                    + " processed: rolled back for redelivery"),

    // administration
    ADMIN_RETRIED(501, 'I', "Record %s was retried by an operator"),
    ADMIN_DELETED(502, 'I', "Record %s was deleted by an operator"),
    ADMIN_REPLAYED(503, 'I', "Record %s was replayed by an operator"),
    ADMIN_PAUSED(504, 'I', "Destination %s was paused (by %s)"),
    ADMIN_RESUMED(505, 'I', "Destination %s was resumed"),
    ADMIN_RETRIED_MANY(506, 'I', "%d records were retried by an operator"),
    ADMIN_REPLAYED_MANY(507, 'I', "%d records were replayed by an operator"),
    ADMIN_DELETED_MANY(508, 'I', "%d records were deleted by an operator"),
    ADMIN_SKIPPED(
            509,
            'I',
            "Record %s was skipped by an operator: it is SKIPPED, and the records of its key"
                    + " after it are sent"),
    ADMIN_REPLAYED_KEY(
            510,
            'I',
            "%d records of key %s/%s, from #%d to #%d, were replayed by an operator, in order"),
    ADMIN_KEY_REPLAY_INVALID(511, 'E', "A replay of key %s was refused: %s"),

    // operations (outbox-ops, outbox-testkit)
    OPS_AUDIT(601, 'I', "Admin action %s on %s by %s: %s"),
    OPS_AUDIT_TABLE_FAILED(
            602,
            'E',
            "Admin action %s on %s by %s was not done: its audit row could not be written to %s"
                    + " (outbox.admin.audit-table): %s"),
    OPS_ADMIN_REFUSED(603, 'I', "Admin request %s refused (%d) for %s: %s"),
    OPS_ADMIN_ENABLED(
            604,
            'I',
            "Outbox admin API and console enabled: everything for role %s, lists for %s, actions"
                    + " for %s, payloads for %s (outbox.admin.*role); audit to the log%s"),
    OPS_BAD_REQUEST(605, 'E', "Invalid %s '%s': %s"),
    OPS_HEALTH_DOWN(606, 'W', "Outbox %s is DOWN: %s"),
    OPS_HEALTH_UP(607, 'I', "Outbox %s is UP again"),
    OPS_METRICS_REGISTERED(608, 'I', "Outbox metrics registered with OpenTelemetry (meter %s)"),
    OPS_METRICS_UNAVAILABLE(
            609,
            'I',
            "Outbox metrics are off: %s. Enable MicroProfile Telemetry (Open Liberty: the"
                    + " mpTelemetry feature; WildFly: the opentelemetry and microprofile-telemetry"
                    + " subsystems) and otel.sdk.disabled=false to export them"),
    OPS_BACKLOG_UNREADABLE(
            610, 'W', "The outbox backlog cannot be read for metrics; figures are stale: %s"),
    OPS_TRACEPARENT_INVALID(
            611,
            'I',
            "Message %s carries an invalid traceparent '%s'; its span starts a new trace"),
    OPS_ADMIN_DENIED(612, 'E', "The outbox admin API refused the request: %s"),
    OPS_CONDITION(
            613,
            'W',
            "Outbox condition %s: %s. Readiness %s (outbox.health.readiness=%s); the figures are"
                    + " in the health check's data and the metrics"),
    OPS_CONDITION_CLEARED(614, 'I', "Outbox condition %s has cleared"),
    OPS_PAYLOAD_READ(615, 'I', "Record %s: payload and headers read by %s"),
    OPS_AUDIT_FAILED(616, 'W', "Admin action %s on %s by %s was not done: %s"),
    TESTKIT_TIMEOUT(620, 'E', "Timed out after %s waiting until %s; last seen: %s"),
    TESTKIT_DRAIN_FAILED(621, 'E', "The outbox could not be drained: %s"),
    TESTKIT_BROKER(622, 'E', "The test kit cannot read queue %s through %s: %s"),
    TESTKIT_INTERRUPTED(623, 'E', "The test kit was interrupted while it waited"),
    TESTKIT_NO_RETENTION(
            624,
            'E',
            "awaitDispatched needs dispatched records to be kept: set outbox.retention (such as"
                    + " 1h) in the test configuration");

    private static final Logger LOG = Logger.getLogger("dev.outbox");

    private final String id;
    private final char severity;
    private final String template;

    Msg(int number, char severity, String template) {
        this.id = String.format(Locale.ROOT, "OUTBOX%04d%c", number, severity);
        this.severity = severity;
        this.template = template;
    }

    /**
     * @return the stable id, such as {@code OUTBOX0101E}
     */
    public String id() {
        return id;
    }

    /**
     * @return the text with {@code %s}-style placeholders for the values
     */
    public String template() {
        return template;
    }

    /**
     * @param args the values for the template
     * @return the id, a colon and the formatted text
     */
    public String format(Object... args) {
        return id + ": " + String.format(Locale.ROOT, template, args);
    }

    /**
     * Logs the message at the level its severity implies.
     *
     * @param args the values for the template
     */
    public void log(Object... args) {
        log((Throwable) null, args);
    }

    /**
     * Logs the message with a cause at the level its severity implies.
     *
     * @param cause the failure, or {@code null}
     * @param args the values for the template
     */
    public void log(Throwable cause, Object... args) {
        Level level = level(severity);
        if (LOG.isLoggable(level)) {
            LOG.log(level, format(args), cause);
        }
    }

    /**
     * Logs the message at a given level (such as {@code FINE} for routine events).
     *
     * @param level the level
     * @param args the values for the template
     */
    public void logAt(Level level, Object... args) {
        if (LOG.isLoggable(level)) {
            LOG.log(level, format(args));
        }
    }

    /**
     * Logs a message formatted earlier by {@link #format}, at the level its id implies.
     *
     * @param formatted the message, starting with its id
     */
    public static void emit(String formatted) {
        int colon = formatted.indexOf(':');
        char severity = colon > 0 ? formatted.charAt(colon - 1) : 'I';
        LOG.log(level(severity), formatted);
    }

    private static Level level(char severity) {
        return switch (severity) {
            case 'E' -> Level.SEVERE;
            case 'W' -> Level.WARNING;
            default -> Level.INFO;
        };
    }

    char severity() {
        return severity;
    }
}
