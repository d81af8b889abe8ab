package dev.outbox.example;

import java.math.BigDecimal;

import dev.outbox.EventType;
import dev.outbox.OutboxEvent;

/** Fired when an order is placed; the outbox sends it to the queue configured for it. */
@EventType("OrderPlaced")
public record OrderPlaced(String orderId, String customer, BigDecimal total)
        implements OutboxEvent {

    @Override
    public String aggregateType() {
        return "Order";
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}
