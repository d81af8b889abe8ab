package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import dev.outbox.cdi.internal.OutboxSettings;

/**
 * What the store's parts share: JDBC work on the connection of the outbox's entity manager (it
 * joins the caller's transaction, see {@link JdbcWork}), the dialect detected once, and where the
 * tables are.
 */
final class StoreAccess {

    /** JDBC code that returns a value, given the connection and its dialect. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, Dialect dialect) throws SQLException;
    }

    private final OutboxEntityManager entityManager;
    private final OutboxSettings settings;
    private volatile Tables tables;
    private volatile Dialect dialect;

    StoreAccess(OutboxEntityManager entityManager, OutboxSettings settings) {
        this.entityManager = entityManager;
        this.settings = settings;
    }

    <T> T call(Work<T> work) {
        return JdbcWork.call(entityManager.get(), c -> work.run(c, dialect(c)));
    }

    /**
     * @return where the tables are
     */
    Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = new Tables(settings.tableSchema());
            tables = t;
        }
        return t;
    }

    /**
     * @return the longest an insert waits for another transaction's row with its key
     */
    Duration insertWait() {
        return settings.insertWait();
    }

    /**
     * @return the longest the relay's transaction may sit idle before its claim lapses
     */
    Duration claimTimeout() {
        return settings.claimTimeout();
    }

    /**
     * @param c a connection to the outbox database
     * @return the dialect, detected once
     */
    Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.choose(settings, c.getMetaData().getDatabaseProductName());
            dialect = d;
        }
        return d;
    }

    /**
     * @return the dialect's statement, in the configured schema, prepared on the connection
     */
    PreparedStatement prepare(Connection c, Dialect d, Statement statement) throws SQLException {
        return tables().prepare(c, d.sql(statement));
    }

    /**
     * @return the dialect's statement with numbered placeholders, in the configured schema
     */
    Sql sql(Dialect d, Statement statement) {
        return tables().sql(d.sql(statement));
    }
}
