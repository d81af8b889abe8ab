package dev.outbox.jpa.internal;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * The one server-specific hook of the store: WildFly's datasources (IronJacamar) answer {@code
 * false} to {@code isWrapperFor(XADataSource.class)} and refuse {@code unwrap}, so whether one is
 * an {@code xa-data-source} is read from the managed connection factory behind it: {@code
 * WildFlyDataSource.delegate} is IronJacamar's {@code WrapperDataSource}, whose {@code mcf} is an
 * {@code XAManagedConnectionFactory} or a {@code LocalManagedConnectionFactory}. Reached by
 * reflection, and only for a datasource of WildFly's own class: the library does not link against
 * WildFly, and on any other server this code never runs.
 */
final class IronJacamarDatasource {

    private static final String WILDFLY_DATASOURCE =
            "org.jboss.as.connector.subsystems.datasources.WildFlyDataSource";
    private static final String XA_FACTORY =
            "org.jboss.jca.adapters.jdbc.xa.XAManagedConnectionFactory";
    private static final String LOCAL_FACTORY =
            "org.jboss.jca.adapters.jdbc.local.LocalManagedConnectionFactory";

    private IronJacamarDatasource() {}

    /**
     * @param ds a datasource
     * @return whether it is an XA datasource of WildFly; empty when it is not WildFly's, or its
     *     insides are not as expected
     */
    static Optional<Boolean> isXa(Object ds) {
        if (ds == null || !ds.getClass().getName().equals(WILDFLY_DATASOURCE)) {
            return Optional.empty();
        }
        try {
            Object wrapper = field(ds, "delegate");
            Object factory = field(wrapper, "mcf");
            for (Class<?> c = factory.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(XA_FACTORY)) {
                    return Optional.of(true);
                }
                if (c.getName().equals(LOCAL_FACTORY)) {
                    return Optional.of(false);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another version of WildFly: unknown
        }
        return Optional.empty();
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                Object value = f.get(target);
                if (value == null) {
                    throw new NoSuchFieldException(name + " is null");
                }
                return value;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
