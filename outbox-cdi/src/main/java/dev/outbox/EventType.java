package dev.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the logical type and payload version of an {@link OutboxEvent} class.
 *
 * <p>The name is what the record stores and what consumers and routes see; it never depends on the
 * Java class name, so classes can be renamed or moved while records are pending.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /**
     * The logical event type, such as {@code "OrderPlaced"}.
     *
     * @return a non-blank name of at most 255 characters
     */
    String value();

    /**
     * The payload version. Defaults to 1.
     *
     * @return a positive version number
     */
    int version() default 1;
}
