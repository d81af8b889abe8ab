package dev.outbox;

/** Resolves the default event type name and version of an event class. */
final class EventTypes {

    private static final ClassValue<EventType> ANNOTATIONS =
            new ClassValue<>() {
                @Override
                protected EventType computeValue(Class<?> type) {
                    return type.getAnnotation(EventType.class);
                }
            };

    private EventTypes() {}

    static String nameOf(Class<?> type) {
        EventType annotation = ANNOTATIONS.get(type);
        return annotation != null ? annotation.value() : type.getSimpleName();
    }

    static int versionOf(Class<?> type) {
        EventType annotation = ANNOTATIONS.get(type);
        return annotation != null ? annotation.version() : 1;
    }
}
