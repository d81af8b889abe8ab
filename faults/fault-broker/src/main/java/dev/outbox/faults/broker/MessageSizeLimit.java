package dev.outbox.faults.broker;

import java.util.Map;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Refuses messages larger than {@code max-bytes} (and every large, streamed message) sent to
 * addresses starting with {@code prefix}: the broker side of the fault suite's oversized poison
 * events. Artemis's core protocol has no message size limit of its own; many brokers do. The
 * refusal marks the sender's transaction rollback-only, so that its commit fails: without that, a
 * refused send in a transaction is only logged by the broker, and the producer never learns of it.
 */
public class MessageSizeLimit implements ActiveMQServerPlugin {

    private long maxBytes = 64 * 1024;
    private String prefix = "fault.";

    @Override
    public void init(Map<String, String> properties) {
        maxBytes = Long.parseLong(properties.getOrDefault("max-bytes", Long.toString(maxBytes)));
        prefix = properties.getOrDefault("prefix", prefix);
    }

    @Override
    public void beforeSend(
            ServerSession session,
            Transaction tx,
            Message message,
            boolean direct,
            boolean noAutoCreateQueue)
            throws ActiveMQException {
        String address = message.getAddress();
        if (address == null || !address.startsWith(prefix)) {
            return;
        }
        long size = message.getWholeMessageSize();
        if (message.isLargeMessage() || size > maxBytes) {
            ActiveMQException refused =
                    new ActiveMQException(
                            ActiveMQExceptionType.GENERIC_EXCEPTION,
                            "FAULTS0001: message of "
                                    + size
                                    + " bytes to "
                                    + address
                                    + " refused: over the limit of "
                                    + maxBytes
                                    + " bytes");
            // a send in a transaction does not wait for the broker's answer: only a transaction
            // that cannot commit tells the producer (as Artemis does for an address that is full)
            if (tx != null) {
                tx.markAsRollbackOnly(refused);
            }
            throw refused;
        }
    }
}
