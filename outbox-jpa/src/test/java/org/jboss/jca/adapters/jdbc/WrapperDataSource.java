package org.jboss.jca.adapters.jdbc;

/** The shape of IronJacamar's datasource behind WildFly's (XaDatasourceTest). */
public class WrapperDataSource {
    private final Object mcf;

    public WrapperDataSource(Object mcf) {
        this.mcf = mcf;
    }
}
