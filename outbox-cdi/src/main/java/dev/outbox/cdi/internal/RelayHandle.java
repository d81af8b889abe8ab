package dev.outbox.cdi.internal;

import java.time.Instant;

import jakarta.jms.ConnectionFactory;

/**
 * What the modules built on the relay (outbox-ops, outbox-testkit) may ask of it, so that they
 * never reach into outbox-jms: its state, a drain on the calling thread, and the connection factory
 * it sends through. outbox-jms provides the one bean.
 */
public interface RelayHandle {

    /**
     * @return whether the relay runs on this server ({@code outbox.relay.enabled})
     */
    boolean running();

    /**
     * @return whether it pauses because the broker or the database failed
     */
    boolean failing();

    /**
     * @return when it last looked for records, or {@code null} before the first time
     */
    Instant lastRun();

    /**
     * @return how many of its rounds failed because the broker or the database could not be used,
     *     since it started: a count that tests wait on instead of sleeping through rounds
     */
    long failedRounds();

    /**
     * Sends what is due now through the relay's own batches on the calling thread, until a batch
     * finds nothing; failures are handled as the relay handles them.
     *
     * @return the number of records sent
     * @throws dev.outbox.OutboxException when the broker or the database cannot be used
     */
    int drainDue();

    /**
     * @return the connection factory the relay sends through, with the name it was found under
     */
    NamedFactory connectionFactory();

    /**
     * A connection factory and the JNDI name it was found under.
     *
     * @param name the name, for messages
     * @param factory the factory
     */
    record NamedFactory(String name, ConnectionFactory factory) {}
}
