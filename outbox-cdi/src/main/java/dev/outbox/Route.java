package dev.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the queue that messages of an {@link OutboxEvent} class go to.
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
     * @return a non-blank queue name
     */
    String value();
}
