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
            "JNDI name of the JMS connection factory of the Artemis resource adapter."),
    DESTINATION_DEFAULT(
            "outbox.destination.default",
            "",
            "Queue for event types with no route and no @Route; none by default."),
    ROUTE(
            "outbox.route.<event type>",
            "",
            "Queue for one event type; wins over @Route and the default destination."),
    SCHEMA_CREATE(
            "outbox.schema.create",
            "false",
            "Create the outbox tables at startup if they are missing (for development)."),
    DATABASE(
            "outbox.database",
            "",
            "Database dialect: postgresql, mariadb, mysql, h2, derby, oracle or sqlserver;"
                    + " detected from the JDBC connection when empty.");

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
