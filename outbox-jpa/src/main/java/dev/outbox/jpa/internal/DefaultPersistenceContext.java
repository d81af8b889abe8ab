package dev.outbox.jpa.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The application's only persistence unit. Created only when the application produces no
 * {@code @OutboxPersistence} entity manager: with several units the container cannot resolve this
 * reference and leaves the field {@code null}.
 */
@Dependent
public class DefaultPersistenceContext {

    @PersistenceContext EntityManager em;
}
