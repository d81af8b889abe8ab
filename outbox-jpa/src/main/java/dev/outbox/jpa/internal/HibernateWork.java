package dev.outbox.jpa.internal;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/** Hibernate's way to reach the JDBC connection; loaded only when Hibernate is present. */
final class HibernateWork {

    private HibernateWork() {}

    static boolean accepts(EntityManager em) {
        try {
            em.unwrap(Session.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static <T> T call(EntityManager em, JdbcWork.Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
