package dev.outbox.it.app;

import java.math.BigDecimal;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The same business code as an EJB with container-managed transactions. */
@Stateless
public class OrderBean {

    @PersistenceContext EntityManager em;
    @Inject Event<OrderPlaced> events;

    public void place(String orderId) {
        em.persist(new PurchaseOrder(orderId, "ejb", BigDecimal.TEN));
        events.fire(new OrderPlaced(orderId, "ejb", BigDecimal.TEN));
    }
}
