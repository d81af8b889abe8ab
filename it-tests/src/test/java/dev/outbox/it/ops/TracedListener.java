package dev.outbox.it.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import dev.outbox.inbox.Deduplicated;
import io.opentelemetry.api.trace.Span;

/** A consumer protected by the inbox that notes the trace it runs in, per record id. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue")
        })
public class TracedListener implements MessageListener {

    /** Record id to the trace id current in the listener. */
    public static final Map<String, String> TRACES = new ConcurrentHashMap<>();

    @Override
    @Deduplicated(consumer = "it-traced")
    public void onMessage(Message message) {
        try {
            TRACES.put(
                    message.getStringProperty("outboxRecordId"),
                    Span.current().getSpanContext().getTraceId());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
