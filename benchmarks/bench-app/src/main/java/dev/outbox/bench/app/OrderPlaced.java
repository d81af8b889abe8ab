package dev.outbox.bench.app;

import java.math.BigDecimal;

import dev.outbox.EventType;
import dev.outbox.OutboxEvent;

/**
 * The event of a placed order. {@code firedAt} (epoch microseconds, taken when the event is fired
 * inside the transaction) lets the consumer measure commit-to-receive latency on the same clock.
 */
@EventType("OrderPlaced")
public record OrderPlaced(String orderId, String customer, BigDecimal total, long firedAt)
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
