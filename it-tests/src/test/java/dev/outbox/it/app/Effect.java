package dev.outbox.it.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A consumer's side effect, written in the consumer's transaction. */
@Entity
@Table(name = "it_effect")
public class Effect {
    @Id private String id;
    private String consumer;
    private String messageId;
    private long seq;
    private int deliveryCount;
    private long processedNanos;

    protected Effect() {}

    public Effect(String consumer, String messageId, long seq, int deliveryCount) {
        this.id = java.util.UUID.randomUUID().toString();
        this.consumer = consumer;
        this.messageId = messageId;
        this.seq = seq;
        this.deliveryCount = deliveryCount;
        this.processedNanos = System.nanoTime();
    }

    public String getMessageId() {
        return messageId;
    }

    public long getSeq() {
        return seq;
    }

    public int getDeliveryCount() {
        return deliveryCount;
    }

    public long getProcessedNanos() {
        return processedNanos;
    }
}
