package dev.outbox.ops.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import dev.outbox.Outbox;
import dev.outbox.OutboxRecord;
import dev.outbox.RecordQuery;
import dev.outbox.RecordStatus;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.ops.internal.Views.ActionView;
import dev.outbox.ops.internal.Views.BacklogView;
import dev.outbox.ops.internal.Views.ErrorView;
import dev.outbox.ops.internal.Views.RecordView;

/**
 * The admin API: list and show records, retry, replay and delete them, pause and resume
 * destinations, read the backlog; and the console page. Every request needs {@code
 * outbox.admin.enabled=true} (else 404), an authenticated user (else 401) in the role {@code
 * outbox.admin.role} (else 403). Requests that change something also need the header {@value
 * #CSRF_HEADER}, which a page of another site cannot send (else 403).
 */
@Path("")
@RequestScoped
public class AdminResource {

    /** The header every changing request must carry (any value). */
    public static final String CSRF_HEADER = "X-Outbox-Admin";

    private static final Map<String, String> CONSOLE_FILES =
            Map.of(
                    "console.js", "application/javascript; charset=UTF-8",
                    "console.css", "text/css; charset=UTF-8");

    @Inject OutboxSettings settings;
    @Inject Outbox outbox;
    @Inject AdminActions actions;

    @Context SecurityContext security;
    @Context HttpHeaders headers;
    @Context Request request;
    @Context UriInfo uri;

    private final Clock clock = Clock.systemUTC();

    /**
     * @return the records matching the filters, oldest first
     */
    @GET
    @Path("records")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RecordView> records(
            @QueryParam("status") String status,
            @QueryParam("destination") String destination,
            @QueryParam("aggregateType") String aggregateType,
            @QueryParam("aggregateId") String aggregateId,
            @QueryParam("olderThan") String olderThan,
            @QueryParam("limit") String limit) {
        guard(false);
        Instant now = clock.instant();
        RecordQuery q =
                RecordQuery.all()
                        .withStatus(status(status))
                        .withDestination(blankToNull(destination))
                        .withKey(blankToNull(aggregateType), blankToNull(aggregateId))
                        .withLimit(limit(limit));
        if (olderThan != null && !olderThan.isBlank()) {
            q = q.withWrittenBefore(now.minus(duration("olderThan", olderThan)));
        }
        return outbox.find(q).stream().map(r -> RecordView.of(r, now, false)).toList();
    }

    /**
     * @return one record with its payload and headers
     */
    @GET
    @Path("records/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public RecordView record(@PathParam("id") String id) {
        guard(false);
        OutboxRecord r =
                outbox.find(id)
                        .orElseThrow(
                                () ->
                                        fail(
                                                Response.Status.NOT_FOUND,
                                                Msg.OPS_BAD_REQUEST.format(
                                                        "record id", id, "no such record")));
        return RecordView.of(r, clock.instant(), true);
    }

    /**
     * @return the dead letters, oldest first
     */
    @GET
    @Path("dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RecordView> deadLetters(@QueryParam("limit") String limit) {
        guard(false);
        Instant now = clock.instant();
        return outbox.deadLetters(limit(limit)).stream()
                .map(r -> RecordView.of(r, now, false))
                .toList();
    }

    /**
     * @return per destination, what waits and for how long
     */
    @GET
    @Path("backlog")
    @Produces(MediaType.APPLICATION_JSON)
    public List<BacklogView> backlog() {
        guard(false);
        Instant now = clock.instant();
        return outbox.backlog().stream().map(b -> BacklogView.of(b, now)).toList();
    }

    /**
     * @return the paused destinations
     */
    @GET
    @Path("destinations/paused")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> paused() {
        guard(false);
        return outbox.paused().stream().sorted().toList();
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("records/{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    public Response retry(@PathParam("id") String id) {
        String actor = guard(true);
        return act("retry", id, actor, () -> actions.retry(id, actor));
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("records/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") String id) {
        String actor = guard(true);
        return act("replay", id, actor, () -> actions.replay(id, actor));
    }

    /**
     * @return the outcome
     */
    @DELETE
    @Path("records/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("id") String id) {
        String actor = guard(true);
        return act("delete", id, actor, () -> actions.delete(id, actor));
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("destinations/{destination}/pause")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pause(@PathParam("destination") String destination) {
        String actor = guard(true);
        return act("pause", destination, actor, () -> actions.pause(destination, actor));
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("destinations/{destination}/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("destination") String destination) {
        String actor = guard(true);
        return act("resume", destination, actor, () -> actions.resume(destination, actor));
    }

    /**
     * @return the console page
     */
    @GET
    @Path("console")
    public Response console() {
        guard(false);
        return file("index.html", "text/html; charset=UTF-8");
    }

    /**
     * @return a script or style sheet of the console
     */
    @GET
    @Path("console/{file}")
    public Response consoleFile(@PathParam("file") String name) {
        guard(false);
        String type = CONSOLE_FILES.get(name);
        if (type == null) {
            throw fail(
                    Response.Status.NOT_FOUND,
                    Msg.OPS_BAD_REQUEST.format("file", name, "no such file"));
        }
        return file(name, type);
    }

    private Response file(String name, String type) {
        try (InputStream in =
                AdminResource.class.getResourceAsStream("/META-INF/outbox/console/" + name)) {
            if (in == null) {
                throw fail(
                        Response.Status.NOT_FOUND,
                        Msg.OPS_BAD_REQUEST.format("file", name, "not packaged"));
            }
            return Response.ok(in.readAllBytes(), type)
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        } catch (IOException e) {
            throw new WebApplicationException(e);
        }
    }

    private Response act(String action, String target, String actor, Supplier<ActionView> run) {
        ActionView v;
        try {
            v = run.get();
        } catch (RuntimeException e) {
            String table = settings.adminAuditTable().orElse(null);
            if (table == null) {
                throw e;
            }
            Msg.OPS_AUDIT_TABLE_FAILED.log(e, action, target, actor, table, String.valueOf(e));
            return Response.serverError()
                    .type(MediaType.APPLICATION_JSON)
                    .entity(
                            new ErrorView(
                                    Msg.OPS_AUDIT_TABLE_FAILED.format(
                                            action, target, actor, table, e.getClass().getName())))
                    .build();
        }
        Msg.OPS_AUDIT.log(action, target, actor, v.outcome());
        Response.Status status = Response.Status.OK;
        if (!v.done() && v.outcome().startsWith("no such")) {
            status = Response.Status.NOT_FOUND;
        } else if (!v.done() && !"pause".equals(action) && !"resume".equals(action)) {
            status = Response.Status.CONFLICT; // pausing a paused destination is no error
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(v).build();
    }

    /**
     * Refuses the request unless the API is enabled and the caller is in the admin role.
     *
     * @param changes whether the request changes something (needs the CSRF header)
     * @return the caller's name
     */
    private String guard(boolean changes) {
        if (!settings.adminEnabled()) {
            throw new AdminRefusal(Response.status(Response.Status.NOT_FOUND).build());
        }
        Principal who = security.getUserPrincipal();
        if (who == null) {
            refused(401, "not authenticated");
            throw new AdminRefusal(
                    Response.status(Response.Status.UNAUTHORIZED)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"outbox-admin\"")
                            .type(MediaType.APPLICATION_JSON)
                            .entity(
                                    new ErrorView(
                                            Msg.OPS_ADMIN_DENIED.format("authentication required")))
                            .build());
        }
        if (!security.isUserInRole(settings.adminRole())) {
            refused(403, who.getName() + " is not in role " + settings.adminRole());
            throw fail(
                    Response.Status.FORBIDDEN,
                    Msg.OPS_ADMIN_DENIED.format(
                            "the user is not in role "
                                    + settings.adminRole()
                                    + " (outbox.admin.role)"));
        }
        if (changes && headers.getHeaderString(CSRF_HEADER) == null) {
            refused(403, "no " + CSRF_HEADER + " header");
            throw fail(
                    Response.Status.FORBIDDEN,
                    Msg.OPS_ADMIN_DENIED.format(
                            "a request that changes something needs the header " + CSRF_HEADER));
        }
        return who.getName();
    }

    private void refused(int status, String why) {
        Msg.OPS_ADMIN_REFUSED.logAt(
                Level.FINE, request.getMethod(), uri.getRequestUri().getPath(), status, why);
    }

    private static AdminRefusal fail(Response.Status status, String message) {
        return new AdminRefusal(
                Response.status(status)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(new ErrorView(message))
                        .build());
    }

    private static RecordStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RecordStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(
                            "status", text, "expected PENDING, DISPATCHED, FAILED or QUARANTINED"));
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return RecordQuery.DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= RecordQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail(
                Response.Status.BAD_REQUEST,
                Msg.OPS_BAD_REQUEST.format(
                        "limit", text, "expected a number from 1 to " + RecordQuery.MAX_LIMIT));
    }

    static Duration duration(String name, String text) {
        try {
            return QueryDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(name, text, e.getMessage()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
