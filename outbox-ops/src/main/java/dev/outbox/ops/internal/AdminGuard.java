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
 * Guards every admin endpoint by the rules of {@link AdminAccess} (its own application path only:
 * an application whose own REST application scans the outbox jar would otherwise serve it under its
 * root too; the CSRF header is one a page of another site cannot send), audits the refusals, and
 * gives every response, refusals included, headers that keep the console out of frames and caches.
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
        SecurityContext security = request.getSecurityContext();
        Principal who = security.getUserPrincipal();
        String user = who == null ? null : who.getName();
        AdminRight.Right right = right();
        AdminAccess access =
                AdminAccess.decide(
                        new AdminAccess.Request(
                                request.getUriInfo().getBaseUri().getPath(),
                                request.getMethod(),
                                user,
                                security::isUserInRole,
                                request.getHeaderString(CSRF_HEADER) != null),
                        settings.adminEnabled(),
                        right,
                        right.roles(settings));
        if (access.allowed()) {
            return;
        }
        if (access.auditReason() != null) {
            audit.refused(
                    user,
                    request.getMethod() + " " + request.getUriInfo().getRequestUri().getPath(),
                    access.status(),
                    access.auditReason());
        }
        request.abortWith(refusal(access));
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

    private static Response refusal(AdminAccess access) {
        Response.ResponseBuilder r = Response.status(access.status());
        if (access.callerReason() == null) {
            return r.build();
        }
        if (access.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"outbox-admin\"");
        }
        return r.type(MediaType.APPLICATION_JSON)
                .entity(new ErrorView(Msg.OPS_ADMIN_DENIED.format(access.callerReason())))
                .build();
    }
}
