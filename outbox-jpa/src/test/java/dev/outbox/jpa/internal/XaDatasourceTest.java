package dev.outbox.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Optional;

import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.jboss.as.connector.subsystems.datasources.WildFlyDataSource;
import org.jboss.jca.adapters.jdbc.WrapperDataSource;
import org.jboss.jca.adapters.jdbc.local.LocalManagedConnectionFactory;
import org.jboss.jca.adapters.jdbc.xa.XAManagedConnectionFactory;
import org.junit.jupiter.api.Test;

/** How the outbox tells an XA datasource, for the check of transaction-mode xa. */
class XaDatasourceTest {

    /** A server's datasource that unwraps to an XADataSource or to nothing. */
    private static DataSource wrapping(boolean xa) {
        return wrapping(xa ? XADataSource.class : null);
    }

    /** A server's datasource that unwraps to the vendor's, as Open Liberty's does. */
    private static DataSource wrapping(Class<?> vendorType) {
        return (DataSource)
                Proxy.newProxyInstance(
                        XaDatasourceTest.class.getClassLoader(),
                        new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("isWrapperFor")) {
                                return args[0] == vendorType;
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }

    @Test
    void aDatasourceThatUnwrapsToAnXaDataSourceIsXa() {
        XaDatasource.Verdict v = XaDatasource.of(wrapping(true), Optional.empty());
        assertTrue(v.xa());
        assertEquals("it unwraps to a javax.sql.XADataSource", v.how());
    }

    @Test
    void aDatasourceThatUnwrapsToAConnectionPoolDataSourceIsCertainlyNotXa() {
        XaDatasource.Verdict v =
                XaDatasource.of(
                        wrapping(javax.sql.ConnectionPoolDataSource.class), Optional.empty());
        assertFalse(v.xa());
        assertTrue(v.how().contains("javax.sql.ConnectionPoolDataSource"), v.how());
    }

    @Test
    void aDatasourceThatTellsNothingIsNotKnownToBeXaAndTheMessageSaysWhatToSet() {
        XaDatasource.Verdict v = XaDatasource.of(wrapping(false), Optional.empty());
        assertFalse(v.xa());
        assertTrue(v.how().contains("set outbox.datasource.xa=true"), v.how());
    }

    @Test
    void theConfigurationWinsOverDetectionBothWays() {
        assertTrue(XaDatasource.of(wrapping(false), Optional.of(true)).xa());
        XaDatasource.Verdict v = XaDatasource.of(wrapping(true), Optional.of(false));
        assertFalse(v.xa());
        assertEquals("outbox.datasource.xa=false", v.how());
    }

    @Test
    void wildFlysXaDataSourceIsXaAndItsPlainDataSourceIsNot() {
        DataSource xa =
                new WildFlyDataSource(new WrapperDataSource(new XAManagedConnectionFactory()));
        DataSource local =
                new WildFlyDataSource(new WrapperDataSource(new LocalManagedConnectionFactory()));
        assertTrue(XaDatasource.of(xa, Optional.empty()).xa());
        XaDatasource.Verdict v = XaDatasource.of(local, Optional.empty());
        assertFalse(v.xa());
        assertTrue(v.how().contains("not an xa-data-source"), v.how());
    }

    @Test
    void aWildFlyDatasourceWhoseInsidesChangedIsNotGuessed() {
        DataSource odd = new WildFlyDataSource(new Object());
        assertEquals(Optional.empty(), IronJacamarDatasource.isXa(odd));
        assertFalse(XaDatasource.of(odd, Optional.empty()).xa());
        assertEquals(Optional.empty(), IronJacamarDatasource.isXa(wrapping(true)));
    }
}
