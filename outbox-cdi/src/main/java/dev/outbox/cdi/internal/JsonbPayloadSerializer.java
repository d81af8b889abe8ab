package dev.outbox.cdi.internal;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import dev.outbox.spi.PayloadSerializer;

/** The default serializer: JSON through JSON-B. */
@ApplicationScoped
public class JsonbPayloadSerializer implements PayloadSerializer {

    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public String serialize(Object payload) {
        return jsonb.toJson(payload);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing to release that matters at shutdown
        }
    }
}
