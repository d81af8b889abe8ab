package dev.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the queue, or the topic, that messages of an {@link OutboxEvent} class go to: one of {@link
 * #value} and {@link #topic}.
 *
 * <p>The configuration wins: {@code outbox.route.<event type>} overrides this annotation, and the
 * annotation overrides {@code outbox.destination.default}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Route {

    /**
     * The queue name on the broker, such as {@code "orders.events"}.
     *
     * @return a queue name, or empty when {@link #topic} names a topic
     */
    String value() default "";

    /**
     * The topic name on the broker, such as {@code "orders.events"}: an Artemis multicast address,
     * each of whose subscriptions (durable shared subscriptions, or queues declared on the address)
     * gets every message. Routed in configuration as {@code topic://orders.events}.
     *
     * @return a topic name, or empty when {@link #value} names a queue
     */
    String topic() default "";
}
