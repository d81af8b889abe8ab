package dev.outbox.it.app;

import java.math.BigDecimal;
import java.util.Map;

import dev.outbox.EventType;

/** The event the test application fires. */
@EventType(value = "OrderPlaced", version = 3)
public record OrderPlaced(
        String orderId, String customer, BigDecimal total, Map<String, String> extraHeaders)
        implements OrderEvent {

    public OrderPlaced(String orderId, String customer, BigDecimal total) {
        this(orderId, customer, total, Map.of());
    }

    @Override
    public Object payload() {
        return Map.of("orderId", orderId, "customer", customer, "total", total);
    }

    @Override
    public Map<String, String> headers() {
        return extraHeaders;
    }
}
