package dev.outbox.example;

import java.math.BigDecimal;
import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/orders} with {@code {"customer":"alice","total":42.50}} places an order. */
@Path("orders")
public class OrderResource {

    /** The request body. */
    public record PlaceOrder(String customer, BigDecimal total) {}

    @Inject OrderService orders;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(PlaceOrder request) {
        if (request == null
                || request.customer() == null
                || request.customer().isBlank()
                || request.total() == null
                || request.total().signum() < 0) {
            throw new WebApplicationException(
                    Response.status(400)
                            .type(MediaType.TEXT_PLAIN)
                            .entity("send {\"customer\": \"...\", \"total\": 12.50}\n")
                            .build());
        }
        PlacedOrder order = orders.place(request.customer(), request.total());
        return Response.created(URI.create("orders/" + order.getId())).entity(order).build();
    }
}
