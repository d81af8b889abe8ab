package dev.outbox.it.app;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.outbox.OutboxEvent;

/** Business code that saves an order, then fires an event the outbox must refuse. */
@ApplicationScoped
public class BadEvents {

    @PersistenceContext EntityManager em;
    @Inject Event<OutboxEvent> events;

    /** An event whose key is given as is (null or blank). */
    public record Keyed(String key) implements OutboxEvent {
        @Override
        public String aggregateType() {
            return "Order";
        }

        @Override
        public String aggregateId() {
            return key;
        }
    }

    /** An event whose payload JSON-B cannot serialize: its getter throws. */
    public record Unserializable(String orderId) implements OrderEvent {
        @Override
        public Object payload() {
            return new Broken();
        }
    }

    /** A bean whose property cannot be read. */
    public static final class Broken {
        public String getValue() {
            throw new IllegalStateException("this value cannot be read");
        }
    }

    /** Saves the order, then fires the event, in one transaction. */
    @Transactional
    public void placeAndFire(String orderId, OutboxEvent event) {
        em.persist(new PurchaseOrder(orderId, "c", BigDecimal.ONE));
        events.fire(event);
    }
}
