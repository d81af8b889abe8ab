package dev.outbox.jms.internal;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import dev.outbox.admin.OutboxRecord;

/**
 * Sends a batch outside the relay's JTA transaction (local mode): the container suspends the
 * transaction, so the JMS session is not enlisted and a one-phase datasource never has to share a
 * transaction with the broker.
 */
@Stateless
public class LocalSender {

    @Inject JmsDispatcher dispatcher;

    /**
     * @param records the records, in order
     * @throws DispatchException naming the record that failed, or the relay's failure
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void send(List<OutboxRecord> records) throws DispatchException {
        dispatcher.sendLocal(records);
    }
}
