package dev.outbox.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * Picks the persistence unit that holds the outbox tables when an application has several.
 *
 * <p>With one persistence unit there is nothing to do. With several, produce the entity manager of
 * the right unit under this qualifier, once, anywhere in the application:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class OutboxPersistenceUnit {
 *     @Produces @OutboxPersistence
 *     @PersistenceContext(unitName = "orders")
 *     EntityManager outbox;
 * }
 * }</pre>
 *
 * The unit must be a JTA unit that lists {@code META-INF/outbox-orm.xml} as a mapping file.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface OutboxPersistence {

    /** The literal for programmatic lookup. */
    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<OutboxPersistence>
            implements OutboxPersistence {
        private static final long serialVersionUID = 1L;

        /** The only instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {}
    }
}
