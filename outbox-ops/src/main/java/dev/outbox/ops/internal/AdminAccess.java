package dev.outbox.ops.internal;

import java.util.List;
import java.util.function.Predicate;

/**
 * The admin guard's verdict on one request, reached without JAX-RS so that every rule is unit
 * tested. In this order: it answers only under its own application path (404), only when the admin
 * API is enabled (404), only to an authenticated user (401) holding a role with the endpoint's
 * right (403), and a request that changes something only with the header {@value
 * AdminGuard#CSRF_HEADER} (403). Every refusal but the 404s is audited.
 *
 * @param status 0 when the request may go on, else the HTTP status of the refusal
 * @param auditReason why, for the audit trail; {@code null} when the refusal is not audited
 * @param callerReason why, for the caller; {@code null} for a plain 404
 */
record AdminAccess(int status, String auditReason, String callerReason) {

    /** The request goes on. */
    static final AdminAccess ALLOWED = new AdminAccess(0, null, null);

    private static final AdminAccess NOT_FOUND = new AdminAccess(404, null, null);

    /**
     * What the guard knows about a request.
     *
     * @param basePath the path of the REST application that matched it
     * @param method the HTTP method
     * @param user the authenticated user's name, or {@code null}
     * @param inRole whether the user is in a role
     * @param csrfHeader whether the request carries {@value AdminGuard#CSRF_HEADER}
     */
    record Request(
            String basePath,
            String method,
            String user,
            Predicate<String> inRole,
            boolean csrfHeader) {}

    /**
     * @param r the request
     * @param enabled {@code outbox.admin.enabled}
     * @param right the right the endpoint needs
     * @param roles the roles that hold it
     * @return the verdict
     */
    static AdminAccess decide(
            Request r, boolean enabled, AdminRight.Right right, List<String> roles) {
        String own = "/" + AdminApplication.PATH;
        if (!enabled || !(r.basePath().endsWith(own + "/") || r.basePath().endsWith(own))) {
            return NOT_FOUND;
        }
        if (r.user() == null) {
            return new AdminAccess(401, "not authenticated", "authentication required");
        }
        if (roles.stream().noneMatch(r.inRole())) {
            return new AdminAccess(
                    403,
                    "no role with the right " + right,
                    "the user has none of the roles "
                            + roles
                            + " that may "
                            + describe(right)
                            + " (outbox.admin.*role)");
        }
        boolean changes = !"GET".equals(r.method()) && !"HEAD".equals(r.method());
        if (changes && !r.csrfHeader()) {
            return new AdminAccess(
                    403,
                    "no " + AdminGuard.CSRF_HEADER + " header",
                    "a request that changes something needs the header " + AdminGuard.CSRF_HEADER);
        }
        return ALLOWED;
    }

    /**
     * @return whether the request goes on
     */
    boolean allowed() {
        return status == 0;
    }

    private static String describe(AdminRight.Right right) {
        return switch (right) {
            case VIEW -> "list records";
            case READ_PAYLOAD -> "read payloads";
            case OPERATE -> "act on records and destinations";
        };
    }
}
