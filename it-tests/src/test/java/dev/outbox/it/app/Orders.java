package dev.outbox.it.app;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Business code as users write it: save the order and fire the event in one transaction. */
@ApplicationScoped
public class Orders {

    @PersistenceContext EntityManager em;
    @Inject Event<OrderPlaced> events;
    @Inject Event<Reminder> reminders;

    @Transactional
    public void place(String orderId, String customer, BigDecimal total) {
        em.persist(new PurchaseOrder(orderId, customer, total));
        events.fire(new OrderPlaced(orderId, customer, total));
    }

    @Transactional
    public void place(OrderPlaced event) {
        em.persist(new PurchaseOrder(event.orderId(), event.customer(), event.total()));
        events.fire(event);
    }

    /** Fires a reminder of an order, in a transaction of its own. */
    @Transactional
    public void remind(Reminder reminder) {
        reminders.fire(reminder);
    }

    /** Fires then fails: the transaction rolls back. */
    @Transactional
    public void placeAndFail(String orderId) {
        em.persist(new PurchaseOrder(orderId, "c", BigDecimal.ONE));
        events.fire(new OrderPlaced(orderId, "c", BigDecimal.ONE));
        throw new IllegalStateException("business failure after firing " + orderId);
    }

    /** Several events of several orders in one transaction. */
    @Transactional
    public void placeMany(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            place(prefix + "-" + i, "c", BigDecimal.valueOf(i));
        }
    }

    /** No transaction at all. */
    @Transactional(Transactional.TxType.NEVER)
    public void placeWithoutTransaction(String orderId) {
        events.fire(new OrderPlaced(orderId, "c", BigDecimal.ONE));
    }
}
