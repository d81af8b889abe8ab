package dev.outbox.jms.internal;

import java.lang.reflect.Proxy;

import dev.outbox.admin.OutboxRecord;

/** Records for tests: an id and a destination, nothing else. */
final class TestRecords {

    private TestRecords() {}

    static OutboxRecord record(String id) {
        return record(id, null);
    }

    static OutboxRecord record(String id, String destination) {
        return (OutboxRecord)
                Proxy.newProxyInstance(
                        OutboxRecord.class.getClassLoader(),
                        new Class<?>[] {OutboxRecord.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "id", "toString" -> id;
                                    case "destination" -> destination;
                                    case "hashCode" -> id.hashCode();
                                    case "equals" ->
                                            args[0] instanceof OutboxRecord o && id.equals(o.id());
                                    default -> null;
                                });
    }
}
