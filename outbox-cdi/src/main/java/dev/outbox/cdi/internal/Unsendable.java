package dev.outbox.cdi.internal;

/**
 * Implemented by claimed records that a store could read only in part (a damaged row): the relay
 * quarantines such a record instead of sending it.
 */
public interface Unsendable {

    /**
     * @return why the record cannot be sent as it is, or {@code null} when it can
     */
    String problem();
}
