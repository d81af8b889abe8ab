package dev.outbox.example;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Saves the order and fires the event in one transaction: both commit, or neither does. */
@ApplicationScoped
public class OrderService {

    @PersistenceContext EntityManager em;
    @Inject Event<OrderPlaced> orderPlaced;

    @Transactional
    public PlacedOrder place(String customer, BigDecimal total) {
        PlacedOrder order =
                new PlacedOrder(UUID.randomUUID().toString(), customer, total, Instant.now());
        em.persist(order);
        orderPlaced.fire(new OrderPlaced(order.getId(), customer, total));
        return order;
    }
}
