package dev.outbox.jpa.internal;

import java.sql.SQLException;
import java.util.Optional;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

/**
 * Tells whether a datasource takes part in XA transactions, for the check of {@code
 * outbox.relay.transaction-mode=xa}. In order: the configuration ({@code outbox.datasource.xa}),
 * then the JDBC wrapper contract (a server's datasource that unwraps to an {@code XADataSource}, as
 * Open Liberty's does), then the one server hook ({@link IronJacamarDatasource}, WildFly, whose
 * datasources unwrap to nothing). A datasource none of them recognises is not known to be XA.
 */
final class XaDatasource {

    /** The answer and how it was reached, for the message that refuses the mode. */
    record Verdict(boolean xa, String how) {}

    private XaDatasource() {}

    /**
     * @param ds the persistence unit's JTA datasource
     * @param configured {@code outbox.datasource.xa}, when set
     * @return whether the datasource is XA, and how that was decided
     */
    static Verdict of(DataSource ds, Optional<Boolean> configured) {
        if (configured.isPresent()) {
            return new Verdict(configured.get(), "outbox.datasource.xa=" + configured.get());
        }
        try {
            if (ds.isWrapperFor(XADataSource.class)) {
                return new Verdict(true, "it unwraps to a javax.sql.XADataSource");
            }
            if (ds.isWrapperFor(ConnectionPoolDataSource.class)) {
                return new Verdict(
                        false,
                        "it unwraps to a javax.sql.ConnectionPoolDataSource, not an XADataSource");
            }
        } catch (SQLException | RuntimeException e) {
            // not a wrapper: the server hook may still know
        }
        Optional<Boolean> server = IronJacamarDatasource.isXa(ds);
        if (server.isPresent()) {
            return new Verdict(
                    server.get(),
                    server.get()
                            ? "WildFly's xa-data-source"
                            : "WildFly's data-source without XA (not an xa-data-source)");
        }
        return new Verdict(
                false,
                "it does not unwrap to a javax.sql.XADataSource, so the outbox cannot tell; if it"
                        + " is one, set outbox.datasource.xa=true");
    }
}
