package dev.outbox.ops.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request the admin API refuses, with its response. Mapped to that response without the stack
 * trace that Jakarta REST implementations log for an unmapped exception, so refused requests never
 * flood the log.
 */
public class AdminRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    AdminRefusal(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    /**
     * @return the response to send
     */
    public Response response() {
        return response;
    }

    /** Sends the refusal's response; a bad request (400) is audited, as every refusal is. */
    @Provider
    @ApplicationScoped
    public static class Mapper implements ExceptionMapper<AdminRefusal> {

        @Inject AuditTrail audit;

        @Context UriInfo uri;
        @Context Request request;
        @Context SecurityContext security;

        @Override
        public Response toResponse(AdminRefusal refusal) {
            Response r = refusal.response();
            if (r.getStatus() == Response.Status.BAD_REQUEST.getStatusCode()) {
                Object entity = r.getEntity();
                audit.refused(
                        security.getUserPrincipal() == null
                                ? null
                                : security.getUserPrincipal().getName(),
                        request.getMethod() + " " + uri.getRequestUri().getPath(),
                        r.getStatus(),
                        entity instanceof Views.ErrorView e ? e.error() : "bad request");
            }
            return r;
        }
    }
}
