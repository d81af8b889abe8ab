package dev.outbox.faults.app;

import java.util.Map;

import dev.outbox.OutboxEvent;

/**
 * The event every writer fires. The run and the order id travel as headers, so that a consumer can
 * file what it processed against the order without reading the payload.
 *
 * @param orderId the business row's id
 * @param run the scenario run that wrote it
 * @param key the aggregate id
 * @param kind good or poison
 * @param filler padding that makes a payload oversized
 */
public record FaultEvent(String orderId, String run, String key, Kind kind, String filler)
        implements OutboxEvent {

    /** The header naming the scenario run. */
    public static final String RUN = "faultRun";

    /** The header naming the order. */
    public static final String ORDER = "faultOrderId";

    @Override
    public String aggregateType() {
        return "FaultOrder";
    }

    @Override
    public String aggregateId() {
        return key;
    }

    @Override
    public String eventType() {
        return kind.eventType();
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(RUN, run, ORDER, orderId);
    }
}
