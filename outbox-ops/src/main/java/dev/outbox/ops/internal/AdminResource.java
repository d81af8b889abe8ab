package dev.outbox.ops.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import dev.outbox.admin.Outbox;
import dev.outbox.admin.OutboxRecord;
import dev.outbox.admin.RecordQuery;
import dev.outbox.admin.RecordStatus;
import dev.outbox.cdi.internal.Msg;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.ops.internal.Views.ActionView;
import dev.outbox.ops.internal.Views.BacklogView;
import dev.outbox.ops.internal.Views.BlockedKeyView;
import dev.outbox.ops.internal.Views.BulkView;
import dev.outbox.ops.internal.Views.ErrorView;
import dev.outbox.ops.internal.Views.PageView;
import dev.outbox.ops.internal.Views.RecordView;

/**
 * The admin API: list and show records, retry, replay and delete them one by one or by filter,
 * pause and resume destinations, read the backlog; and the console page. {@link AdminGuard} checks
 * every request first; each method names the right it needs ({@link AdminRight}). Lists carry no
 * payloads and come in pages of at most {@value AdminParams#PAGE_CAP}; a record's payload and
 * headers only on its own view, to the payload role, audited. A bad parameter answers 400 naming
 * it.
 */
@Path("")
@RequestScoped
@AdminEndpoint
public class AdminResource {

    private static final Map<String, String> CONSOLE_FILES =
            Map.of(
                    "console.js", "application/javascript; charset=UTF-8",
                    "console.css", "text/css; charset=UTF-8");

    @Inject OutboxSettings settings;
    @Inject Outbox outbox;
    @Inject AdminActions actions;
    @Inject AuditTrail audit;

    @Context SecurityContext security;

    private final Clock clock = Clock.systemUTC();

    /**
     * @return a page of the records matching the filters, oldest first, without payloads
     */
    @GET
    @Path("records")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.VIEW)
    public PageView records(
            @BeanParam RecordFilter filter,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        Instant now = clock.instant();
        RecordQuery q =
                filter.query(now)
                        .withAfter(AdminParams.position(after))
                        .withoutContent()
                        .withLimit(AdminParams.limit(limit));
        return page(outbox.find(q), q.limit(), now);
    }

    /**
     * @return one record; its payload and headers only for the payload role, and then audited
     */
    @GET
    @Path("records/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.VIEW)
    public RecordView record(@PathParam("id") String id) {
        AdminParams.recordId(id);
        OutboxRecord r =
                outbox.find(id)
                        .orElseThrow(
                                () ->
                                        AdminParams.fail(
                                                Response.Status.NOT_FOUND,
                                                Msg.OPS_BAD_REQUEST.format(
                                                        "record id", id, "no such record")));
        boolean full =
                AdminRight.Right.READ_PAYLOAD.roles(settings).stream()
                        .anyMatch(security::isUserInRole);
        if (full) {
            audit.viewed(actor(), id);
        }
        return RecordView.of(r, clock.instant(), full);
    }

    /**
     * @return a page of the dead letters, oldest first, without payloads
     */
    @GET
    @Path("dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.VIEW)
    public PageView deadLetters(
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        Instant now = clock.instant();
        int n = AdminParams.limit(limit);
        RecordQuery q =
                RecordQuery.all()
                        .withAfter(AdminParams.position(after))
                        .withoutContent()
                        .withLimit(n);
        List<OutboxRecord> dead = new ArrayList<>(outbox.find(q.withStatus(RecordStatus.FAILED)));
        dead.addAll(outbox.find(q.withStatus(RecordStatus.QUARANTINED)));
        dead.sort(Comparator.comparing(OutboxRecord::writtenAt).thenComparing(OutboxRecord::id));
        return page(dead.size() > n ? dead.subList(0, n) : dead, n, now);
    }

    /**
     * @return per destination, what waits and for how long
     */
    @GET
    @Path("backlog")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.VIEW)
    public List<BacklogView> backlog() {
        Instant now = clock.instant();
        return outbox.backlog().stream().map(b -> BacklogView.of(b, now)).toList();
    }

    /**
     * @return the keys a dead letter blocks, the oldest head first
     */
    @GET
    @Path("blocked-keys")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.VIEW)
    public List<BlockedKeyView> blockedKeys(
            @QueryParam("destination") String destination, @QueryParam("limit") String limit) {
        Instant now = clock.instant();
        String to = destination == null || destination.isBlank() ? null : destination.trim();
        if (to != null) {
            AdminParams.destination(to);
        }
        return outbox.blockedKeys(to, AdminParams.limit(limit)).stream()
                .map(k -> BlockedKeyView.of(k, now))
                .toList();
    }

    /**
     * @return the paused destinations
     */
    @GET
    @Path("destinations/paused")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.VIEW)
    public List<String> paused() {
        return outbox.paused().stream().sorted().toList();
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("records/{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response retry(@PathParam("id") String id) {
        AdminParams.recordId(id);
        String actor = actor();
        return act("retry", id, actor, () -> actions.retry(id, actor));
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("records/{id}/skip")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response skip(@PathParam("id") String id) {
        AdminParams.recordId(id);
        String actor = actor();
        return act("skip", id, actor, () -> actions.skip(id, actor));
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("records/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response replay(@PathParam("id") String id) {
        AdminParams.recordId(id);
        String actor = actor();
        return act("replay", id, actor, () -> actions.replay(id, actor));
    }

    /**
     * Sends a key's dispatched history once more, in order ({@code Outbox.replay} of a key).
     *
     * @return the outcome; 404 when no dispatched record of the key is in the range
     */
    @POST
    @Path("keys/{type}/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response replayKey(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String t = required("type", type);
        String i = required("id", id);
        long first = AdminParams.sequence("from", from, null);
        long last = AdminParams.sequence("to", to, Long.MAX_VALUE);
        if (last < first) {
            throw AdminParams.fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format("to", LogText.of(to), "expected not below from"));
        }
        String actor = actor();
        return act(
                "replay-key", t + "/" + i, actor, () -> actions.replay(t, i, first, last, actor));
    }

    private static String required(String parameter, String value) {
        String v = AdminParams.text(parameter, value);
        if (v == null) {
            throw AdminParams.fail(
                    Response.Status.BAD_REQUEST,
                    Msg.OPS_BAD_REQUEST.format(parameter, LogText.of(value), "expected a value"));
        }
        return v;
    }

    /**
     * @return the outcome
     */
    @DELETE
    @Path("records/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response delete(@PathParam("id") String id) {
        AdminParams.recordId(id);
        String actor = actor();
        return act("delete", id, actor, () -> actions.delete(id, actor));
    }

    /**
     * Retries, replays or deletes every record a filter selects (up to {@value
     * AdminActions#BULK_LIMIT} per call), or with {@code dryRun=true} counts them. Retry takes
     * {@code status} FAILED or QUARANTINED, replay DISPATCHED, delete any status but PENDING.
     *
     * @return how many records match and how many were changed
     */
    @POST
    @Path("records/{action: retry|replay|delete}")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response bulk(
            @PathParam("action") String action,
            @BeanParam RecordFilter filter,
            @QueryParam("dryRun") String dryRun) {
        RecordQuery q = filter.query(clock.instant());
        AdminParams.bulkStatus(action, q.status());
        boolean dry = AdminParams.bool("dryRun", dryRun);
        String described = filter.describe();
        String actor = actor();
        BulkView v;
        try {
            v = actions.bulk(action, q, described, dry, actor);
        } catch (RuntimeException e) {
            return failed(action + "-bulk", described, actor, e);
        }
        if (!dry) {
            audit.committed(actor, action + "-bulk", described, v.done() + " of " + v.matching());
        }
        return Response.ok(v, MediaType.APPLICATION_JSON).build();
    }

    /**
     * @return the outcome; a warning when no route names the destination and no record has it
     */
    @POST
    @Path("destinations/{destination: .+}/pause")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response pause(@PathParam("destination") String destination) {
        AdminParams.destination(destination);
        String actor = actor();
        return act("pause", destination, actor, () -> actions.pause(destination, actor));
    }

    /**
     * @return the outcome
     */
    @POST
    @Path("destinations/{destination: .+}/resume")
    @Produces(MediaType.APPLICATION_JSON)
    @AdminRight(AdminRight.Right.OPERATE)
    public Response resume(@PathParam("destination") String destination) {
        AdminParams.destination(destination);
        String actor = actor();
        return act("resume", destination, actor, () -> actions.resume(destination, actor));
    }

    /**
     * @return the console page
     */
    @GET
    @Path("console")
    @AdminRight(AdminRight.Right.VIEW)
    public Response console() {
        return file("index.html", "text/html; charset=UTF-8");
    }

    /**
     * @return a script or style sheet of the console
     */
    @GET
    @Path("console/{file}")
    @AdminRight(AdminRight.Right.VIEW)
    public Response consoleFile(@PathParam("file") String name) {
        String type = CONSOLE_FILES.get(name);
        if (type == null) {
            throw AdminParams.fail(
                    Response.Status.NOT_FOUND,
                    Msg.OPS_BAD_REQUEST.format("file", name, "no such file"));
        }
        return file(name, type);
    }

    private Response file(String name, String type) {
        try (InputStream in =
                AdminResource.class.getResourceAsStream("/META-INF/outbox/console/" + name)) {
            if (in == null) {
                throw AdminParams.fail(
                        Response.Status.NOT_FOUND,
                        Msg.OPS_BAD_REQUEST.format("file", name, "not packaged"));
            }
            return Response.ok(in.readAllBytes(), type).build();
        } catch (IOException e) {
            throw new WebApplicationException(e);
        }
    }

    private Response act(String action, String target, String actor, Supplier<ActionView> run) {
        ActionView v;
        try {
            v = run.get();
        } catch (RuntimeException e) {
            return failed(action, target, actor, e);
        }
        audit.committed(actor, action, target, v.outcome());
        Response.Status status = Response.Status.OK;
        if (!v.done() && v.outcome().startsWith("no such")) {
            status = Response.Status.NOT_FOUND;
        } else if (!v.done() && !"pause".equals(action) && !"resume".equals(action)) {
            status = Response.Status.CONFLICT; // pausing a paused destination is no error
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(v).build();
    }

    /** The answer to an action whose transaction failed, after recording the failure. */
    private Response failed(String action, String target, String actor, RuntimeException e) {
        try {
            audit.failed(actor, action, target, e);
        } catch (RuntimeException again) {
            Msg.OPS_AUDIT_TABLE_FAILED.log(
                    again,
                    LogText.of(action),
                    LogText.of(target),
                    LogText.of(actor),
                    settings.adminAuditTable().orElse("(none)"),
                    again.getClass().getName());
        }
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON)
                .entity(
                        new ErrorView(
                                Msg.OPS_AUDIT_FAILED.format(
                                        action, target, actor, e.getClass().getName())))
                .build();
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }

    private PageView page(List<OutboxRecord> found, int limit, Instant now) {
        List<RecordView> views = found.stream().map(r -> RecordView.of(r, now, false)).toList();
        String next = null;
        if (found.size() == limit && !found.isEmpty()) {
            OutboxRecord last = found.get(found.size() - 1);
            next = last.writtenAt() + "," + last.id();
        }
        return new PageView(views, next);
    }
}
