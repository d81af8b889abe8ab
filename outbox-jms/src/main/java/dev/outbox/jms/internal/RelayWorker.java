package dev.outbox.jms.internal;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;

import dev.outbox.OutboxRecord;
import dev.outbox.cdi.internal.OutboxSettings;
import dev.outbox.spi.RecordStore;

/**
 * Relays one batch in its own container-managed transaction: claim due records, send them, mark
 * them dispatched. The claim's row locks keep other relays off these records until the transaction
 * ends.
 */
@Stateless
public class RelayWorker {

    @Inject RecordStore store;
    @Inject JmsDispatcher dispatcher;
    @Inject OutboxSettings settings;

    private final Clock clock = Clock.systemUTC();

    /**
     * @return the number of records sent
     * @throws JMSException when a send fails; the transaction rolls back and the records stay
     *     pending
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int relayBatch() throws JMSException {
        List<OutboxRecord> batch = store.claim(settings.batchSize(), clock.instant());
        if (batch.isEmpty()) {
            return 0;
        }
        dispatcher.send(batch);
        store.markDispatched(batch.stream().map(OutboxRecord::id).toList(), clock.instant());
        return batch.size();
    }
}
