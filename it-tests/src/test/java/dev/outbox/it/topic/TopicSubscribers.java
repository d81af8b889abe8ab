package dev.outbox.it.topic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.transaction.Transactional;

import dev.outbox.MessageProperties;
import dev.outbox.inbox.Deduplicated;

/**
 * Two subscribers of one topic, each with its inbox (its consumer name): each processes every
 * message once, in order, whatever the other does.
 */
@ApplicationScoped
public class TopicSubscribers {

    static final String BILLING = "it-topic-billing";
    static final String SHIPPING = "it-topic-shipping";

    private final Map<String, List<Long>> processed = new ConcurrentHashMap<>();

    @Transactional
    @Deduplicated(consumer = BILLING, ordering = Deduplicated.Ordering.STRICT)
    public void billing(Message message) throws JMSException {
        note(BILLING, message);
    }

    @Transactional
    @Deduplicated(consumer = SHIPPING, ordering = Deduplicated.Ordering.STRICT)
    public void shipping(Message message) throws JMSException {
        note(SHIPPING, message);
    }

    /**
     * @return the sequences of the key that the consumer processed, in the order it did
     */
    public List<Long> processed(String consumer, String key) {
        return List.copyOf(processed.getOrDefault(consumer + "/" + key, List.of()));
    }

    private void note(String consumer, Message m) throws JMSException {
        processed
                .computeIfAbsent(
                        consumer + "/" + m.getStringProperty(MessageProperties.AGGREGATE_ID),
                        k -> new CopyOnWriteArrayList<>())
                .add(m.getLongProperty(MessageProperties.SEQUENCE));
    }
}
