package dev.outbox.ops.internal;

import jakarta.ws.rs.core.Response;
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

    /** Sends the refusal's response. */
    @Provider
    public static class Mapper implements ExceptionMapper<AdminRefusal> {
        @Override
        public Response toResponse(AdminRefusal refusal) {
            return refusal.response();
        }
    }
}
