package dev.outbox.it.app;

import dev.outbox.OutboxEvent;

/** What every event about an order says about its key: one interface instead of each event. */
public interface OrderEvent extends OutboxEvent {

    /**
     * @return the order's id, the aggregate id
     */
    String orderId();

    @Override
    default String aggregateType() {
        return "Order";
    }

    @Override
    default String aggregateId() {
        return orderId();
    }
}
