package dev.outbox.bench.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** One business transaction: insert an order, and fire its outbox event or not. */
@ApplicationScoped
public class OrderService {

    private static final BigDecimal TOTAL = new BigDecimal("42.50");

    @PersistenceContext EntityManager em;
    @Inject Event<OrderPlaced> orderPlaced;

    @Transactional
    public String place(boolean withEvent) {
        Instant now = Instant.now();
        BenchOrder order = new BenchOrder(UUID.randomUUID().toString(), "bench", TOTAL, now);
        em.persist(order);
        if (withEvent) {
            orderPlaced.fire(
                    new OrderPlaced(
                            order.getId(),
                            "bench",
                            TOTAL,
                            ChronoUnit.MICROS.between(Instant.EPOCH, now)));
        }
        return order.getId();
    }
}
