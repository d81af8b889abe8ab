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
    private final Optional<String> defaultDestination;
    private final Map<String, String> routes;
    private final boolean schemaCreate;
    private final Optional<String> database;

    private OutboxSettings(Reader r) {
        relayEnabled = r.read(Property.RELAY_ENABLED, Parsers::bool);
        relayInterval =
                r.read(
                        Property.RELAY_INTERVAL,
                        t -> Parsers.duration(t, Duration.ofMillis(10), Duration.ofHours(1)));
        batchSize = r.read(Property.RELAY_BATCH_SIZE, t -> Parsers.integer(t, 1, 10_000));
        connectionFactory = r.read(Property.RELAY_CONNECTION_FACTORY, Parsers::name);
        defaultDestination = r.optional(Property.DESTINATION_DEFAULT, Parsers::name);
        routes = r.routes();
        schemaCreate = r.read(Property.SCHEMA_CREATE, Parsers::bool);
        database = r.optional(Property.DATABASE, OutboxSettings::database);
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
     * @return the queue for event types without a route
     */
    public Optional<String> defaultDestination() {
        return defaultDestination;
    }

    /**
     * @return the configured routes, event type to queue
     */
    public Map<String, String> routes() {
        return routes;
    }

    /**
     * @return whether to create missing tables at startup
     */
    public boolean schemaCreate() {
        return schemaCreate;
    }

    /**
     * @return the configured database dialect name, lower case
     */
    public Optional<String> database() {
        return database;
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
                parse(key, raw, Parsers::name).ifPresent(queue -> routes.put(type, queue));
            }
            return Collections.unmodifiableMap(routes);
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
