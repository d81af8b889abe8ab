package dev.outbox.cdi.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The validated {@code outbox.*} configuration. Immutable. */
public final class OutboxSettings {

    /** Prefix of every outbox property. */
    public static final String PREFIX = "outbox.";

    /** Prefix of the per-event-type routes. */
    public static final String ROUTE_PREFIX = "outbox.route.";

    /** Database names accepted by {@code outbox.database}. */
    public static final Set<String> DATABASES =
            Set.of("postgresql", "mariadb", "mysql", "h2", "derby", "oracle", "sqlserver");

    private final boolean relayEnabled;
    private final Duration relayInterval;
    private final int batchSize;
    private final String connectionFactory;
    private final boolean connectionFactoryConfigured;
    private final Duration brokerTimeout;
    private final Duration claimTimeout;
    private final boolean xa;
    private final boolean immediate;
    private final Duration maxBackoff;
    private final int duplicateIdCacheSize;
    private final Backoff retry;
    private final boolean holdFailedHeads;
    private final Duration retention;
    private final int purgeBatchSize;
    private final boolean archiveDaily;
    private final String inboxOrdering;
    private final Duration inboxRetention;
    private final long inboxMaxSequenceJump;
    private final boolean inboxRejectMissingId;
    private final int payloadMaxSize;
    private final Duration deliveryMaxDelay;
    private final Optional<String> defaultDestination;
    private final Map<String, String> routes;
    private final boolean schemaCreate;
    private final Duration insertWait;
    private final Optional<String> datasource;
    private final Optional<Boolean> datasourceXa;
    private final Optional<String> database;
    private final Optional<String> tableSchema;
    private final Duration healthMaxPendingAge;
    private final boolean healthStrictReadiness;
    private final Duration healthBacklogCache;
    private final boolean adminEnabled;
    private final String adminRole;
    private final String adminViewerRole;
    private final String adminOperatorRole;
    private final String adminPayloadRole;
    private final Optional<String> adminAuditTable;

    private OutboxSettings(Reader r) {
        relayEnabled = r.read(Property.RELAY_ENABLED, Parsers::bool);
        relayInterval =
                r.read(
                        Property.RELAY_INTERVAL,
                        t -> Parsers.duration(t, Duration.ofMillis(10), Duration.ofHours(1)));
        batchSize = r.read(Property.RELAY_BATCH_SIZE, t -> Parsers.integer(t, 1, 10_000));
        connectionFactory = r.read(Property.RELAY_CONNECTION_FACTORY, Parsers::name);
        connectionFactoryConfigured = r.isSet(Property.RELAY_CONNECTION_FACTORY);
        brokerTimeout =
                r.read(
                        Property.RELAY_BROKER_TIMEOUT,
                        t -> Parsers.duration(t, Duration.ofSeconds(1), Duration.ofHours(1)));
        claimTimeout =
                r.optional(
                                Property.RELAY_CLAIM_TIMEOUT,
                                t ->
                                        Parsers.duration(
                                                t, Duration.ofSeconds(2), Duration.ofHours(2)))
                        .orElse(brokerTimeout.multipliedBy(2));
        r.ordered(
                Property.RELAY_BROKER_TIMEOUT,
                brokerTimeout,
                Property.RELAY_CLAIM_TIMEOUT,
                claimTimeout,
                true,
                ", or a batch waiting for the broker would lose its claim");
        xa =
                r.read(Property.RELAY_TRANSACTION_MODE, t -> Parsers.oneOf(t, "local", "xa"))
                        .equals("xa");
        immediate = r.read(Property.RELAY_IMMEDIATE, Parsers::bool);
        maxBackoff =
                r.read(
                        Property.RELAY_MAX_BACKOFF,
                        t -> Parsers.duration(t, Duration.ofMillis(100), Duration.ofHours(1)));
        duplicateIdCacheSize =
                r.read(
                        Property.RELAY_DUPLICATE_ID_CACHE_SIZE,
                        t -> Parsers.integer(t, 1, Integer.MAX_VALUE));
        Duration initial =
                r.read(
                        Property.RETRY_INITIAL_DELAY,
                        t -> Parsers.duration(t, Duration.ofMillis(1), Duration.ofDays(1)));
        double multiplier = r.read(Property.RETRY_MULTIPLIER, t -> Parsers.decimal(t, 1, 10));
        Duration maxDelay =
                r.read(
                        Property.RETRY_MAX_DELAY,
                        t -> Parsers.duration(t, Duration.ofMillis(1), Duration.ofDays(7)));
        double jitter = r.read(Property.RETRY_JITTER, t -> Parsers.decimal(t, 0, 1));
        int maxAttempts = r.read(Property.RETRY_MAX_ATTEMPTS, t -> Parsers.integer(t, 1, 1000));
        if (!r.ordered(
                Property.RETRY_INITIAL_DELAY,
                initial,
                Property.RETRY_MAX_DELAY,
                maxDelay,
                false,
                "")) {
            maxDelay = initial;
        }
        retry = new Backoff(initial, multiplier, maxDelay, jitter, maxAttempts);
        holdFailedHeads =
                r.read(Property.ORDERING_FAILED_HEAD, t -> Parsers.oneOf(t, "hold", "skip"))
                        .equals("hold");
        retention =
                r.read(
                        Property.RETENTION,
                        t -> Parsers.duration(t, Duration.ZERO, Duration.ofDays(3650)));
        purgeBatchSize =
                r.read(Property.RETENTION_PURGE_BATCH, t -> Parsers.integer(t, 1, 100_000));
        archiveDaily =
                r.read(Property.RETENTION_ARCHIVE, t -> Parsers.oneOf(t, "none", "daily"))
                        .equals("daily");
        if (archiveDaily && retention.isZero()) {
            r.problem(
                    Msg.CONFIG_INVALID.format(
                            "daily",
                            Property.RETENTION_ARCHIVE.key(),
                            "it keeps dispatched records for "
                                    + Property.RETENTION.key()
                                    + ", which is 0s: records are deleted as they are sent. Set"
                                    + " a retention, or remove the archive"));
        }
        inboxOrdering =
                r.read(Property.INBOX_ORDERING, t -> Parsers.oneOf(t, "none", "check", "strict"));
        inboxRetention =
                r.read(
                        Property.INBOX_RETENTION,
                        t -> Parsers.duration(t, Duration.ofSeconds(1), Duration.ofDays(3650)));
        inboxMaxSequenceJump =
                r.read(Property.INBOX_MAX_SEQUENCE_JUMP, t -> Parsers.number(t, 1, Long.MAX_VALUE));
        inboxRejectMissingId =
                r.read(
                                Property.INBOX_MISSING_ID,
                                t -> Parsers.oneOf(t, "reject", "process-undeduplicated"))
                        .equals("reject");
        if (!holdFailedHeads && !inboxOrdering.equals("none")) {
            r.problem(skipWithOrderCheck(inboxOrdering));
        }
        payloadMaxSize =
                r.read(Property.PAYLOAD_MAX_SIZE, t -> Parsers.size(t, 1, 64 * 1024 * 1024));
        deliveryMaxDelay =
                r.read(
                        Property.DELIVERY_MAX_DELAY,
                        t -> Parsers.duration(t, Duration.ofSeconds(1), Duration.ofDays(3650)));
        defaultDestination = r.optional(Property.DESTINATION_DEFAULT, Parsers::destination);
        routes = r.routes();
        schemaCreate = r.read(Property.SCHEMA_CREATE, Parsers::bool);
        insertWait =
                r.read(
                        Property.STORE_INSERT_WAIT,
                        t -> Parsers.duration(t, Duration.ofMillis(100), Duration.ofMinutes(10)));
        datasource = r.optional(Property.DATASOURCE, Parsers::name);
        datasourceXa = r.optional(Property.DATASOURCE_XA, Parsers::bool);
        database = r.optional(Property.DATABASE, OutboxSettings::database);
        tableSchema = r.optional(Property.TABLE_SCHEMA, OutboxSettings::schemaName);
        healthMaxPendingAge =
                r.read(
                        Property.HEALTH_MAX_PENDING_AGE,
                        t -> Parsers.duration(t, Duration.ofSeconds(1), Duration.ofDays(30)));
        healthStrictReadiness =
                r.read(Property.HEALTH_READINESS, t -> Parsers.oneOf(t, "server", "outbox"))
                        .equals("outbox");
        healthBacklogCache =
                r.read(
                        Property.HEALTH_BACKLOG_CACHE,
                        t -> Parsers.duration(t, Duration.ZERO, Duration.ofMinutes(1)));
        adminEnabled = r.read(Property.ADMIN_ENABLED, Parsers::bool);
        adminRole = r.read(Property.ADMIN_ROLE, Parsers::role);
        adminViewerRole = r.read(Property.ADMIN_VIEWER_ROLE, Parsers::role);
        adminOperatorRole = r.read(Property.ADMIN_OPERATOR_ROLE, Parsers::role);
        adminPayloadRole = r.read(Property.ADMIN_PAYLOAD_ROLE, Parsers::role);
        adminAuditTable = r.optional(Property.ADMIN_AUDIT_TABLE, OutboxSettings::tableName);
        r.warnUnknown();
    }

    /**
     * Reads and validates the configuration.
     *
     * @param values the raw configuration
     * @return the settings, with every problem found; the settings hold defaults where a value was
     *     invalid
     */
    public static Result read(ConfigValues values) {
        Reader reader = new Reader(values);
        OutboxSettings settings = new OutboxSettings(reader);
        return new Result(settings, List.copyOf(reader.problems), List.copyOf(reader.warnings));
    }

    /**
     * The settings read from configuration, with the problems that make them invalid.
     *
     * @param settings the settings
     * @param problems one message per invalid value; the deployment fails when not empty
     * @param warnings one message per suspicious property, such as an unknown name
     */
    public record Result(OutboxSettings settings, List<String> problems, List<String> warnings) {

        /**
         * @return the settings
         * @throws IllegalStateException listing every problem when there are any
         */
        public OutboxSettings orThrow() {
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join(System.lineSeparator(), problems));
            }
            return settings;
        }
    }

    /**
     * @return whether this server runs the relay
     */
    public boolean relayEnabled() {
        return relayEnabled;
    }

    /**
     * @return the relay timer's interval
     */
    public Duration relayInterval() {
        return relayInterval;
    }

    /**
     * @return the maximum number of records per relay transaction
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * @return the JNDI name of the relay's connection factory
     */
    public String connectionFactory() {
        return connectionFactory;
    }

    /**
     * @return whether {@code outbox.relay.connection-factory} was set; when not, the relay may fall
     *     back to the server's default connection factory
     */
    public boolean connectionFactoryConfigured() {
        return connectionFactoryConfigured;
    }

    /**
     * @return how long a batch may wait for the broker before the relay interrupts it
     */
    public Duration brokerTimeout() {
        return brokerTimeout;
    }

    /**
     * @return how long the relay's transaction may sit idle on the database before the database
     *     ends it and its claim lapses (PostgreSQL)
     */
    public Duration claimTimeout() {
        return claimTimeout;
    }

    /**
     * @return whether the relay sends and marks in one XA transaction (else: local mode)
     */
    public boolean xa() {
        return xa;
    }

    /**
     * @return whether records are relayed right after their transaction commits
     */
    public boolean immediate() {
        return immediate;
    }

    /**
     * @return the longest pause of the relay while the broker is unreachable
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * @return the broker's duplicate-id cache size per address
     */
    public int duplicateIdCacheSize() {
        return duplicateIdCacheSize;
    }

    /**
     * @return the retry schedule of records whose send failed
     */
    public Backoff retry() {
        return retry;
    }

    /**
     * @return whether a FAILED or QUARANTINED record holds the later records of its key
     */
    public boolean holdFailedHeads() {
        return holdFailedHeads;
    }

    /**
     * @return how long DISPATCHED records are kept; zero deletes them as they are sent
     */
    public Duration retention() {
        return retention;
    }

    /**
     * @return whether dispatched records move to an archive partitioned by day
     */
    public boolean archiveDaily() {
        return archiveDaily;
    }

    /**
     * @return the number of records deleted per purge statement
     */
    public int purgeBatchSize() {
        return purgeBatchSize;
    }

    /**
     * @return the configured per-key order check of inbox consumers: none, check or strict
     */
    public String inboxOrdering() {
        return inboxOrdering;
    }

    /**
     * @param ordering the order check of inbox consumers, {@code check} or {@code strict}
     * @return why {@code outbox.ordering.failed-head=skip} cannot go with it
     */
    public static String skipWithOrderCheck(String ordering) {
        return Msg.CONFIG_INVALID.format(
                "skip",
                Property.ORDERING_FAILED_HEAD.key(),
                "it cannot go with the inbox's order check ("
                        + ordering
                        + "): a skipped record that an operator retries later arrives after the"
                        + " records of its key that followed it, and the check drops it as older"
                        + " (check) or the records after it wait for it (strict). Use"
                        + " failed-head=hold, or "
                        + Property.INBOX_ORDERING.key()
                        + "=none");
    }

    /**
     * @return the largest step forward of a key's sequence the inbox trusts
     */
    public long inboxMaxSequenceJump() {
        return inboxMaxSequenceJump;
    }

    /**
     * @return whether a message without an id is rejected (else processed without the inbox)
     */
    public boolean inboxRejectMissingId() {
        return inboxRejectMissingId;
    }

    /**
     * @return how long the inbox remembers processed messages
     */
    public Duration inboxRetention() {
        return inboxRetention;
    }

    /**
     * @return the queue for event types without a route
     */
    public Optional<String> defaultDestination() {
        return defaultDestination;
    }

    /**
     * @return the largest serialized payload an event may have, in UTF-8 bytes
     */
    public int payloadMaxSize() {
        return payloadMaxSize;
    }

    /**
     * @return the furthest in the future an event may ask to be delivered
     */
    public Duration deliveryMaxDelay() {
        return deliveryMaxDelay;
    }

    /**
     * @return the configured routes, event type to queue
     */
    public Map<String, String> routes() {
        return routes;
    }

    /**
     * @return the JNDI name of the outbox's datasource, when configured
     */
    public Optional<String> datasource() {
        return datasource;
    }

    /**
     * @return whether the outbox's datasource is XA, when configured; empty: detect it
     */
    public Optional<Boolean> datasourceXa() {
        return datasourceXa;
    }

    /**
     * @return whether to create missing tables at startup
     */
    public boolean schemaCreate() {
        return schemaCreate;
    }

    /**
     * @return the longest an insert waits for another transaction's row with the same key
     */
    public Duration insertWait() {
        return insertWait;
    }

    /**
     * @return the configured database dialect name, lower case
     */
    public Optional<String> database() {
        return database;
    }

    /**
     * @return the schema holding the outbox tables, if not the connection's current one
     */
    public Optional<String> tableSchema() {
        return tableSchema;
    }

    /**
     * @return how old a pending record may get before readiness is down
     */
    public Duration healthMaxPendingAge() {
        return healthMaxPendingAge;
    }

    /**
     * @return whether readiness also goes DOWN for a relay that cannot work and for records that
     *     wait too long ({@code outbox.health.readiness=outbox}); else only for unreadable tables
     */
    public boolean healthStrictReadiness() {
        return healthStrictReadiness;
    }

    /**
     * @return how long one reading of the backlog serves health checks and metrics
     */
    public Duration healthBacklogCache() {
        return healthBacklogCache;
    }

    /**
     * @return whether the admin API and console are served
     */
    public boolean adminEnabled() {
        return adminEnabled;
    }

    /**
     * @return the role the admin API requires
     */
    public String adminRole() {
        return adminRole;
    }

    /**
     * @return the role that may list records and counts
     */
    public String adminViewerRole() {
        return adminViewerRole;
    }

    /**
     * @return the role that may act on records and destinations
     */
    public String adminOperatorRole() {
        return adminOperatorRole;
    }

    /**
     * @return the role that may read payloads and headers
     */
    public String adminPayloadRole() {
        return adminPayloadRole;
    }

    /**
     * @return the table admin actions are written to, if any
     */
    public Optional<String> adminAuditTable() {
        return adminAuditTable;
    }

    /** A plain SQL identifier: nothing a statement could read as anything else. */
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    private static final Pattern TABLE_NAME =
            Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");

    private static final Pattern SCHEMA_NAME = Pattern.compile(IDENTIFIER);

    private static String tableName(String text) {
        return matching(
                text,
                TABLE_NAME,
                "expected a table name such as outbox_audit or app.outbox_audit (letters,"
                        + " digits and underscores)");
    }

    private static String schemaName(String text) {
        return matching(
                text,
                SCHEMA_NAME,
                "expected a schema name such as messaging (letters, digits and underscores,"
                        + " not starting with a digit)");
    }

    /**
     * @return the trimmed text when the pattern matches it whole
     * @throws IllegalArgumentException saying what was expected, otherwise
     */
    private static String matching(String text, Pattern pattern, String expected) {
        String t = text.trim();
        if (!pattern.matcher(t).matches()) {
            throw new IllegalArgumentException(expected);
        }
        return t;
    }

    private static String database(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!DATABASES.contains(t)) {
            throw new IllegalArgumentException(
                    "expected one of "
                            + DATABASES.stream().sorted().collect(Collectors.joining(", ")));
        }
        return t;
    }

    /** Reads values and collects every problem instead of stopping at the first. */
    private static final class Reader {
        private final ConfigValues values;
        private final List<String> problems = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Set<Property> read = EnumSet.noneOf(Property.class);

        Reader(ConfigValues values) {
            this.values = values;
        }

        <T> T read(Property p, Function<String, T> parser) {
            read.add(p);
            T fallback = parser.apply(p.defaultValue());
            Optional<String> raw = values.raw(p.key());
            if (raw.isEmpty()) {
                return fallback;
            }
            return parse(p.key(), raw.get(), parser).orElse(fallback);
        }

        boolean isSet(Property p) {
            return values.raw(p.key()).filter(v -> !v.isEmpty()).isPresent();
        }

        <T> Optional<T> optional(Property p, Function<String, T> parser) {
            read.add(p);
            Optional<String> raw = values.raw(p.key());
            if (raw.isEmpty() || raw.get().isEmpty()) {
                return Optional.empty();
            }
            return parse(p.key(), raw.get(), parser);
        }

        Map<String, String> routes() {
            read.add(Property.ROUTE);
            Map<String, String> routes = new LinkedHashMap<>();
            for (String key : values.namesStartingWith(ROUTE_PREFIX)) {
                String type = key.substring(ROUTE_PREFIX.length());
                String raw = values.raw(key).orElse("");
                if (type.isBlank()) {
                    problems.add(
                            Msg.CONFIG_INVALID.format(
                                    raw, key, "the property name must end with an event type"));
                    continue;
                }
                parse(key, raw, Parsers::destination).ifPresent(to -> routes.put(type, to));
            }
            return Collections.unmodifiableMap(routes);
        }

        /**
         * Reports a duration that must not be shorter than another (or, strictly, must be longer).
         *
         * @return whether the two are in order
         */
        boolean ordered(
                Property lower,
                Duration low,
                Property upper,
                Duration high,
                boolean strictly,
                String consequence) {
            int c = high.compareTo(low);
            if (strictly ? c > 0 : c >= 0) {
                return true;
            }
            problems.add(
                    Msg.CONFIG_INVALID.format(
                            Durations.format(high),
                            upper.key(),
                            (strictly ? "it must be longer than " : "it must not be shorter than ")
                                    + lower.key()
                                    + "="
                                    + Durations.format(low)
                                    + consequence));
            return false;
        }

        void problem(String message) {
            problems.add(message);
        }

        private <T> Optional<T> parse(String key, String raw, Function<String, T> parser) {
            try {
                return Optional.of(parser.apply(raw));
            } catch (IllegalArgumentException e) {
                problems.add(Msg.CONFIG_INVALID.format(raw, key, e.getMessage()));
                return Optional.empty();
            }
        }

        void warnUnknown() {
            Set<String> known =
                    read.stream()
                            .map(Property::key)
                            .filter(k -> !k.contains("<"))
                            .collect(Collectors.toSet());
            for (String key : values.namesStartingWith(PREFIX)) {
                if (!known.contains(key) && !key.startsWith(ROUTE_PREFIX)) {
                    warnings.add(
                            Msg.CONFIG_UNKNOWN_PROPERTY.format(
                                    key,
                                    values.raw(key).orElse(""),
                                    known.stream().sorted().collect(Collectors.joining(", "))));
                }
            }
        }
    }
}
