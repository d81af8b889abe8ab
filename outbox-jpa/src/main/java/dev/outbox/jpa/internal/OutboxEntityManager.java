package dev.outbox.jpa.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.outbox.OutboxException;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.jpa.OutboxPersistence;
import dev.outbox.jpa.OutboxRecordEntity;

/**
 * The entity manager of the persistence unit that holds the outbox tables: the application's
 * {@code @OutboxPersistence} producer if it has one, else its only persistence unit.
 */
@ApplicationScoped
public class OutboxEntityManager {

    @Inject @Any Instance<EntityManager> produced;
    @Inject Instance<DefaultPersistenceContext> defaults;

    private volatile EntityManager em;

    /**
     * @return the (transaction-scoped, container-managed) entity manager
     */
    public EntityManager get() {
        EntityManager e = em;
        if (e == null) {
            e = resolve();
            em = e;
        }
        return e;
    }

    private EntityManager resolve() {
        Instance<EntityManager> qualified = produced.select(OutboxPersistence.Literal.INSTANCE);
        if (qualified.isAmbiguous()) {
            throw new OutboxException(Msg.STORE_PERSISTENCE_UNIT.format("several beans are"));
        }
        EntityManager e = qualified.isResolvable() ? qualified.get() : defaults.get().em;
        if (e == null) {
            throw new OutboxException(Msg.STORE_PERSISTENCE_UNIT.format("no bean is"));
        }
        return e;
    }

    /**
     * Checks that the unit maps the outbox entities.
     *
     * @throws OutboxException naming the missing mapping file
     */
    public void checkMapping() {
        try {
            // through the factory: the entity manager itself may need a unit of work, which the
            // container does not have during application startup
            get().getEntityManagerFactory().getMetamodel().entity(OutboxRecordEntity.class);
        } catch (IllegalArgumentException e) {
            throw new OutboxException(
                    Msg.STORE_NO_ENTITY.format(OutboxRecordEntity.class.getName()));
        }
    }
}
