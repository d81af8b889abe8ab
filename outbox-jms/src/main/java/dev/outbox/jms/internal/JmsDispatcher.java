package dev.outbox.jms.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import dev.outbox.MessageProperties;
import dev.outbox.OutboxRecord;
import dev.outbox.cdi.internal.OutboxSettings;

/**
 * Sends records as JMS messages through the resource adapter's connection factory. Called inside
 * the relay's transaction: the session is enlisted in it, so the sends commit with the records'
 * marks.
 */
@ApplicationScoped
public class JmsDispatcher {

    @Inject OutboxSettings settings;

    private ConnectionFactory connectionFactory;

    @PostConstruct
    void init() {
        try {
            connectionFactory =
                    (ConnectionFactory) new InitialContext().lookup(settings.connectionFactory());
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot look up " + settings.connectionFactory(), e);
        }
    }

    /**
     * Sends each record to its destination, in order, with one producer per destination.
     *
     * @param records the records to send
     * @throws JMSException when the broker refuses or cannot be reached
     */
    public void send(List<OutboxRecord> records) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession();
            Map<String, MessageProducer> producers = new HashMap<>();
            for (OutboxRecord r : records) {
                MessageProducer producer =
                        producers.computeIfAbsent(r.destination(), d -> producer(session, d));
                producer.send(toMessage(session, r));
            }
        } catch (UncheckedJms e) {
            throw e.getCause();
        }
    }

    private static MessageProducer producer(Session session, String destination) {
        try {
            return session.createProducer(session.createQueue(destination));
        } catch (JMSException e) {
            throw new UncheckedJms(e);
        }
    }

    static TextMessage toMessage(Session session, OutboxRecord r) throws JMSException {
        TextMessage m = session.createTextMessage(r.payload());
        m.setStringProperty(MessageProperties.DUPLICATE_ID, r.id());
        m.setStringProperty(MessageProperties.RECORD_ID, r.id());
        m.setStringProperty(MessageProperties.EVENT_TYPE, r.eventType());
        m.setIntProperty(MessageProperties.EVENT_VERSION, r.eventVersion());
        m.setStringProperty(MessageProperties.AGGREGATE_TYPE, r.aggregateType());
        m.setStringProperty(MessageProperties.AGGREGATE_ID, r.aggregateId());
        m.setLongProperty(MessageProperties.SEQUENCE, r.sequence());
        m.setLongProperty(MessageProperties.WRITTEN_AT, r.writtenAt().toEpochMilli());
        m.setStringProperty(MessageProperties.CONTENT_TYPE, r.contentType());
        m.setStringProperty("JMSXGroupID", r.aggregateId());
        m.setJMSType(r.eventType());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            m.setStringProperty(h.getKey(), h.getValue());
        }
        return m;
    }

    /** Carries a checked JMS failure out of a lambda. */
    private static final class UncheckedJms extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedJms(JMSException cause) {
            super(cause);
        }

        @Override
        public synchronized JMSException getCause() {
            return (JMSException) super.getCause();
        }
    }
}
