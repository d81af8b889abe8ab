package dev.outbox.bench.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /bench/api/orders?event=true} places one order (with its outbox event or not). */
@Path("orders")
public class OrderResource {

    @Inject OrderService orders;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String place(@QueryParam("event") @DefaultValue("true") boolean event) {
        return orders.place(event);
    }

    @GET
    @Path("health")
    @Produces(MediaType.TEXT_PLAIN)
    public String health() {
        return "ok";
    }
}
