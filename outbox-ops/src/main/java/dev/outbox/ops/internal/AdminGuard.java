package dev.outbox.ops.internal;

import java.lang.reflect.Method;
import java.security.Principal;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.ops.internal.Views.ErrorView;

/**
 * Guards every admin endpoint, in this order: it answers only under its own application path
 * ({@value AdminApplication#PATH}; an application whose own REST application scans the outbox jar
 * would otherwise serve it under its root too), only with {@code outbox.admin.enabled=true} (404
 * otherwise), only to an authenticated user (401) holding the endpoint's right (403), and a request
 * that changes something only with the header {@value #CSRF_HEADER}, which a page of another site
 * cannot send (403). Every refusal but the first two is audited. Every response, refusals included,
 * carries headers that keep the console out of frames and caches.
 */
@Provider
@AdminEndpoint
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AdminGuard implements ContainerRequestFilter, ContainerResponseFilter {

    /** The header every changing request must carry (any value). */
    public static final String CSRF_HEADER = "X-Outbox-Admin";

    /**
     * The console's policy: its own scripts and styles only (no inline code), calls to its own API
     * only, and no page may frame it.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
                    + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Inject OutboxSettings settings;
    @Inject AuditTrail audit;

    @Context ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String base = request.getUriInfo().getBaseUri().getPath();
        if (!base.endsWith("/" + AdminApplication.PATH + "/")
                && !base.endsWith("/" + AdminApplication.PATH)) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
            return;
        }
        if (!settings.adminEnabled()) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
            return;
        }
        String what = request.getMethod() + " " + request.getUriInfo().getRequestUri().getPath();
        SecurityContext security = request.getSecurityContext();
        Principal who = security.getUserPrincipal();
        if (who == null) {
            audit.refused(null, what, 401, "not authenticated");
            request.abortWith(
                    Response.status(Response.Status.UNAUTHORIZED)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"outbox-admin\"")
                            .type(MediaType.APPLICATION_JSON)
                            .entity(
                                    new ErrorView(
                                            Msg.OPS_ADMIN_DENIED.format("authentication required")))
                            .build());
            return;
        }
        AdminRight.Right right = right();
        if (right.roles(settings).stream().noneMatch(security::isUserInRole)) {
            audit.refused(who.getName(), what, 403, "no role with the right " + right);
            request.abortWith(
                    forbidden(
                            "the user has none of the roles "
                                    + right.roles(settings)
                                    + " that may "
                                    + describe(right)
                                    + " (outbox.admin.*role)"));
            return;
        }
        boolean changes = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (changes && request.getHeaderString(CSRF_HEADER) == null) {
            audit.refused(who.getName(), what, 403, "no " + CSRF_HEADER + " header");
            request.abortWith(
                    forbidden("a request that changes something needs the header " + CSRF_HEADER));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "no-referrer");
        h.putSingle("Cache-Control", "no-store");
    }

    /** The right the matched method needs; the most demanding when it names none. */
    private AdminRight.Right right() {
        Method m = resource.getResourceMethod();
        AdminRight r = m == null ? null : m.getAnnotation(AdminRight.class);
        return r == null ? AdminRight.Right.OPERATE : r.value();
    }

    private static String describe(AdminRight.Right right) {
        return switch (right) {
            case VIEW -> "list records";
            case READ_PAYLOAD -> "read payloads";
            case OPERATE -> "act on records and destinations";
        };
    }

    private static Response forbidden(String why) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorView(Msg.OPS_ADMIN_DENIED.format(why)))
                .build();
    }
}
