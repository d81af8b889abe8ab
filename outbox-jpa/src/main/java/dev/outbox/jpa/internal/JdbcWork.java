package dev.outbox.jpa.internal;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Runs JDBC code on the connection of a JTA entity manager, so that it joins the same transaction.
 * Uses {@code EntityManager.unwrap(Connection.class)} where the provider supports it (EclipseLink)
 * and Hibernate's {@code Session.doReturningWork} otherwise.
 */
final class JdbcWork {

    /** JDBC code that returns a value. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final boolean HIBERNATE = present("org.hibernate.Session");

    private JdbcWork() {}

    static <T> T call(EntityManager em, Work<T> work) {
        if (HIBERNATE) {
            Object delegate = em.getDelegate();
            if (delegate != null && HibernateWork.accepts(em)) {
                return HibernateWork.call(em, work);
            }
        }
        try {
            return work.run(em.unwrap(Connection.class));
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JdbcWork.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
