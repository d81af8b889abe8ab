package dev.outbox.ops.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import dev.outbox.cdi.internal.OutboxSettings;

/**
 * What an admin endpoint needs, checked by {@link AdminGuard}: the roles that may call it come from
 * configuration ({@code @RolesAllowed} is fixed at compile time).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AdminRight {

    /**
     * @return the right the endpoint needs
     */
    Right value();

    /** The rights, each with the roles that hold it. */
    enum Right {
        /** Lists and counts, without payloads or headers: every admin role. */
        VIEW,
        /** A record's payload and headers: the payload role and the admin role. */
        READ_PAYLOAD,
        /** Retry, replay, delete, pause, resume: the operator role and the admin role. */
        OPERATE;

        /**
         * @param s the configuration
         * @return the roles that hold this right
         */
        List<String> roles(OutboxSettings s) {
            return switch (this) {
                case VIEW ->
                        List.of(
                                s.adminRole(),
                                s.adminViewerRole(),
                                s.adminOperatorRole(),
                                s.adminPayloadRole());
                case READ_PAYLOAD -> List.of(s.adminRole(), s.adminPayloadRole());
                case OPERATE -> List.of(s.adminRole(), s.adminOperatorRole());
            };
        }
    }
}
