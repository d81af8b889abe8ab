package dev.outbox.it.ear;

import java.math.BigDecimal;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import dev.outbox.it.app.OrderPlaced;
import dev.outbox.it.app.PurchaseOrder;

/** Business code in an EJB module of the EAR, next to the web module. */
@Stateless
public class EarOrders {

    @PersistenceContext EntityManager em;
    @Inject Event<OrderPlaced> events;

    public void place(String orderId) {
        em.persist(new PurchaseOrder(orderId, "ear-ejb", BigDecimal.ONE));
        events.fire(new OrderPlaced(orderId, "ear-ejb", BigDecimal.ONE));
    }
}
