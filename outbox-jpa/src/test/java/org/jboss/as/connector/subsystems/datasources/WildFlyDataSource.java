package org.jboss.as.connector.subsystems.datasources;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The shape of WildFly 39's datasource, as the outbox's WildFly hook reads it (XaDatasourceTest).
 */
public class WildFlyDataSource implements DataSource {
    private final transient Object delegate;

    public WildFlyDataSource(Object delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("Unwrap not supported"); // as WildFly 39 answers
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false; // as WildFly 39 answers
    }

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLException("no database in this test");
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }
}
