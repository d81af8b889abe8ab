package dev.outbox.testkit;

import java.time.Duration;
import java.util.List;

import dev.outbox.OutboxException;
import dev.outbox.admin.OutboxRecord;

/**
 * Test helpers for applications that use the outbox, for in-container tests (Arquillian): inject it
 * with {@code @Inject OutboxTestKit outbox}.
 *
 * <pre>{@code
 * orders.place(order);                                   // fires OrderPlaced in a transaction
 * testKit.awaitWritten("OrderPlaced", order.id());       // committed
 * testKit.drain();                                       // sent now, on this thread
 * List<QueuedMessage> sent = testKit.receive("orders.events", 1, Duration.ofSeconds(5));
 * }</pre>
 *
 * Waits poll every 50 ms and fail with an {@link AssertionError} that says what was last seen.
 */
public interface OutboxTestKit {

    /** How long the waits without a timeout argument wait: 10 seconds. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param eventType the event type, or {@code null} for any
     * @param aggregateId the aggregate id, or {@code null} for any
     * @return the records of that type and key now in the table, oldest first
     */
    List<OutboxRecord> records(String eventType, String aggregateId);

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until a record of the event type and aggregate id is
     * committed.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @return the newest such record
     * @throws AssertionError when none is committed in time
     */
    OutboxRecord awaitWritten(String eventType, String aggregateId);

    /**
     * Waits until a record of the event type and aggregate id is committed.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @param timeout how long to wait
     * @return the newest such record
     * @throws AssertionError when none is committed in time
     */
    OutboxRecord awaitWritten(String eventType, String aggregateId, Duration timeout);

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until a record of the event type and aggregate id is
     * dispatched. Needs {@code outbox.retention} above zero in the test configuration: with the
     * default, dispatched records are deleted at once.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @return the newest such record
     * @throws AssertionError when none is dispatched in time
     * @throws IllegalStateException when {@code outbox.retention} is zero
     */
    OutboxRecord awaitDispatched(String eventType, String aggregateId);

    /**
     * Waits until a record of the event type and aggregate id is dispatched. Needs {@code
     * outbox.retention} above zero.
     *
     * @param eventType the event type
     * @param aggregateId the aggregate id
     * @param timeout how long to wait
     * @return the newest such record
     * @throws AssertionError when none is dispatched in time
     * @throws IllegalStateException when {@code outbox.retention} is zero
     */
    OutboxRecord awaitDispatched(String eventType, String aggregateId, Duration timeout);

    /**
     * Sends every record that is due now, on the calling thread, through the relay's own batches,
     * and waits until no due record is left (records another relay is sending at the moment
     * included, for up to {@link #DEFAULT_TIMEOUT}). A record that fails is rescheduled or set
     * aside as the relay would; records held behind a dead letter or on a paused destination stay.
     *
     * @return the number of records this call sent
     * @throws OutboxException when the broker or the database cannot be used
     */
    int drain();

    /**
     * Reads the messages on a queue without consuming them.
     *
     * @param queue the queue name
     * @return its messages, in queue order
     */
    List<QueuedMessage> browse(String queue);

    /**
     * Consumes messages from a queue until {@code count} came or the timeout passed.
     *
     * @param queue the queue name
     * @param count how many to wait for
     * @param timeout how long to wait in all
     * @return the messages received, possibly fewer than {@code count}
     */
    List<QueuedMessage> receive(String queue, int count, Duration timeout);
}
