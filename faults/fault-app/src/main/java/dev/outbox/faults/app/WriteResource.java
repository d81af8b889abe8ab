package dev.outbox.faults.app;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/orders?run=r&kind=GOOD&keys=a,b,c} commits one order and its event per key, each
 * in its own transaction; {@code GET /api/orders/ready} answers once the application runs.
 */
@Path("orders")
public class WriteResource {

    @Inject Writer writer;

    /**
     * @param run the scenario run
     * @param kind good or poison
     * @param keys comma-separated aggregate ids, one transaction each
     * @return how many transactions committed
     */
    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String write(
            @QueryParam("run") String run,
            @QueryParam("kind") Kind kind,
            @QueryParam("keys") String keys) {
        List<String> all = List.of(keys.split(","));
        for (String key : all) {
            writer.write(run, key, kind == null ? Kind.GOOD : kind);
        }
        return Integer.toString(all.size());
    }

    /**
     * @return {@code ok}
     */
    @GET
    @Path("ready")
    @Produces(MediaType.TEXT_PLAIN)
    public String ready() {
        return "ok";
    }
}
