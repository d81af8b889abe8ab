package dev.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An application event that the outbox stores and relays as a message.
 *
 * <p>Fire it with an ordinary {@code jakarta.enterprise.event.Event#fire} inside a JTA transaction.
 * The outbox stores it as a record in that same transaction: if the transaction rolls back, no
 * record exists and no message is ever sent.
 *
 * <pre>{@code
 * @EventType(value = "OrderPlaced", version = 1)
 * public record OrderPlaced(String orderId, BigDecimal total) implements OutboxEvent {
 *     public String aggregateType() { return "Order"; }
 *     public String aggregateId() { return orderId; }
 * }
 * }</pre>
 *
 * <p>The aggregate type and id together form the record's <em>key</em>: records of one key are sent
 * in the order they were written.
 */
public interface OutboxEvent {

    /**
     * The kind of thing that changed, such as {@code "Order"}. Part of the record's key.
     *
     * @return a non-blank name of at most 255 characters
     */
    String aggregateType();

    /**
     * The identity of the thing that changed, such as an order number. Part of the record's key;
     * sent as {@code JMSXGroupID}.
     *
     * @return a non-blank id of at most 255 characters
     */
    String aggregateId();

    /**
     * The logical event type stored with the record and sent with the message; also the key of the
     * {@code outbox.route.<type>} routing property.
     *
     * <p>Defaults to the {@link EventType#value()} of the class's {@link EventType} annotation, or
     * else the class's simple name. Name your event types explicitly: a stored type must not change
     * when a Java class is renamed.
     *
     * @return a non-blank name of at most 255 characters
     */
    default String eventType() {
        return EventTypes.nameOf(getClass());
    }

    /**
     * The version of the event's payload format, sent with the message so that consumers can read
     * old and new shapes. Defaults to {@link EventType#version()}, or 1.
     *
     * @return a positive version number
     */
    default int eventVersion() {
        return EventTypes.versionOf(getClass());
    }

    /**
     * The object serialized into the message body. Defaults to the event itself.
     *
     * @return the payload; never {@code null}
     */
    default Object payload() {
        return this;
    }

    /**
     * Extra headers stored with the record and sent as string message properties. Names must be
     * valid Java identifiers and must not start with {@code JMS}, {@code _AMQ} or {@code outbox}.
     * Defaults to none.
     *
     * @return the headers; never {@code null}
     */
    default Map<String, String> headers() {
        return Map.of();
    }

    /**
     * When the message may be delivered, for a reminder or a retry at a set hour. The relay holds
     * the record until then (the record, not the broker, carries the delay: it survives restarts of
     * the server and the broker and shows in the admin API), and sends it within one {@code
     * outbox.relay.interval} after. The later records of the same key wait behind it, so that the
     * key's order holds. A time not in the future means at once; one further than {@code
     * outbox.delivery.max-delay} is refused when the event is fired. Defaults to at once.
     *
     * @return the earliest delivery time, or empty for at once; never {@code null}
     */
    default Optional<Instant> deliverAt() {
        return Optional.empty();
    }
}
