package dev.outbox.cdi.internal;

import dev.outbox.MessageProperties;
import dev.outbox.admin.OutboxRecord;

/**
 * The {@code outboxFollows} header a skip gives the next record of a key: the sequence of the
 * message of that key sent before it, when records in between were skipped.
 */
public final class Follows {

    private Follows() {}

    /**
     * @param r a record
     * @return the sequence of the message sent before it: its valid {@code outboxFollows} header,
     *     or its sequence minus one
     */
    public static long of(OutboxRecord r) {
        String v = r.headers().get(MessageProperties.FOLLOWS);
        return v == null || problem(r) != null ? r.sequence() - 1 : Long.parseLong(v);
    }

    /**
     * @param r a record
     * @return why its {@code outboxFollows} header cannot be sent, or {@code null} when it has a
     *     valid one or none: it must be a number from 0 to below the record's sequence
     */
    public static String problem(OutboxRecord r) {
        String v = r.headers().get(MessageProperties.FOLLOWS);
        if (v == null) {
            return null;
        }
        try {
            long follows = Long.parseLong(v);
            if (follows >= 0 && follows < r.sequence()) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return "its stored header '"
                + MessageProperties.FOLLOWS
                + "' is '"
                + v
                + "', not a sequence from 0 to below its own, "
                + r.sequence();
    }
}
