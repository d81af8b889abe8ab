package dev.outbox;

/**
 * Names of the JMS message properties the relay sets on every message.
 *
 * <p>Besides these, each message carries {@code _AMQ_DUPL_ID} (the record id, so that Artemis drops
 * a resent duplicate), {@code JMSXGroupID} (the aggregate id), {@code JMSType} (the event type) and
 * the record's own headers as string properties. The body is a text message holding the payload.
 */
public final class MessageProperties {

    /** The record id, a UUID string: the id a consumer's inbox deduplicates on. */
    public static final String RECORD_ID = "outboxRecordId";

    /** The logical event type. */
    public static final String EVENT_TYPE = "outboxEventType";

    /** The payload version, an int. */
    public static final String EVENT_VERSION = "outboxEventVersion";

    /** The aggregate type. */
    public static final String AGGREGATE_TYPE = "outboxAggregateType";

    /** The aggregate id. */
    public static final String AGGREGATE_ID = "outboxAggregateId";

    /** The record's position within its key, a long from 1 without gaps. */
    public static final String SEQUENCE = "outboxSequence";

    /**
     * Present only on the first message after records an operator skipped ({@code Outbox.skip}):
     * the sequence of the message of its key sent before it (a long), so that an order check does
     * not wait for the skipped ones. Absent, it is {@code outboxSequence - 1}.
     */
    public static final String FOLLOWS = "outboxFollows";

    /** When the record was written, in epoch milliseconds (a long). */
    public static final String WRITTEN_AT = "outboxWrittenAt";

    /** The media type of the body, such as {@code application/json}. */
    public static final String CONTENT_TYPE = "outboxContentType";

    /** Artemis's duplicate-detection property; set to the record id. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private MessageProperties() {}
}
