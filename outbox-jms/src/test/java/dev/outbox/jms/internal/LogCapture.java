package dev.outbox.jms.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the outbox's log lines while open. */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Held: the log manager keeps loggers only weakly, and a new one would have no handler. */
    private final Logger logger = Logger.getLogger("dev.outbox");

    LogCapture() {
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        lines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }

    /**
     * @return how many lines start with the message id
     */
    long count(String id) {
        return lines.stream().filter(m -> m.startsWith(id)).count();
    }

    /**
     * @return the lines that start with the message id
     */
    List<String> lines(String id) {
        return lines.stream().filter(m -> m.startsWith(id)).toList();
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
