package dev.outbox.cdi.internal;

/**
 * The header names a record may not carry: the JMS ones, Artemis's and the outbox's own message
 * properties. Capture refuses them; the relay quarantines a stored record that has one (a row not
 * written by capture), so that no header can forge a duplicate id or a record id.
 */
public final class ReservedHeaders {

    /** The rule, in words, for messages. */
    public static final String RULE = "names starting with JMS, _AMQ or outbox are reserved";

    private ReservedHeaders() {}

    /**
     * @param name a header name
     * @return whether a record may not carry it
     */
    public static boolean isReserved(String name) {
        return name.startsWith("JMS") || name.startsWith("_AMQ") || name.startsWith("outbox");
    }
}
