package dev.outbox.cdi.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.outbox.NoTransactionException;
import dev.outbox.OutboxEvent;
import dev.outbox.spi.HeaderContributor;
import dev.outbox.spi.PayloadSerializer;

/**
 * Stores every fired {@link OutboxEvent} as a record in the caller's transaction. Synchronous, so
 * the record commits or rolls back with the caller's work.
 */
@ApplicationScoped
public class CapturingObserver {

    @Inject OutboxSettings settings;
    @Inject PayloadSerializer serializer;
    @Inject RecordStore store;
    @Inject @Any Instance<HeaderContributor> contributors;

    private Capture capture;
    private TransactionSynchronizationRegistry transactions;

    @PostConstruct
    void init() {
        capture = new Capture(settings, serializer, Clock.systemUTC());
        transactions = Transactions.registry();
    }

    void store(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) OutboxEvent event) {
        int status = transactions.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            throw new NoTransactionException(
                    Msg.CAPTURE_NO_TRANSACTION.format(
                            typeOf(event),
                            event.getClass().getName(),
                            Transactions.describe(status)));
        }
        try {
            store.append(capture.toRecord(event, contributed(event)));
        } catch (RuntimeException e) {
            transactions.setRollbackOnly();
            throw e;
        }
    }

    private Map<String, String> contributed(OutboxEvent event) {
        if (contributors.isUnsatisfied()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderContributor c : contributors) {
            Map<String, String> h = c.headers(event);
            if (h != null) {
                headers.putAll(h);
            }
        }
        return headers;
    }

    void refuseAsync(@ObservesAsync OutboxEvent event) {
        String message = Msg.CAPTURE_ASYNC.format(typeOf(event), event.getClass().getName());
        Msg.CAPTURE_ASYNC.log(typeOf(event), event.getClass().getName());
        throw new NoTransactionException(message);
    }

    private static String typeOf(OutboxEvent event) {
        try {
            return event.eventType();
        } catch (RuntimeException e) {
            return event.getClass().getSimpleName();
        }
    }
}
