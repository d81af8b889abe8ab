package dev.outbox.faults.app;

/** What a writer writes: a good event, or one of the poison events that can never be sent. */
public enum Kind {
    /** An ordinary event, routed to the consumers' queue. */
    GOOD("FaultOrderWritten"),
    /** Routed to a queue the broker may not create: quarantined at once. */
    REFUSED("FaultRefused"),
    /** A payload larger than the broker takes. */
    OVERSIZED("FaultOversized");

    private final String eventType;

    Kind(String eventType) {
        this.eventType = eventType;
    }

    /**
     * @return the logical event type, routed by {@code outbox.route.<type>}
     */
    public String eventType() {
        return eventType;
    }
}
