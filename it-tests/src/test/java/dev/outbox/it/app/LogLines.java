package dev.outbox.it.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the server logs under some loggers while a test runs, read in the server (tests in the
 * container): a handler added for the test's duration, so that a test sees its own lines whatever
 * ran before it.
 */
public final class LogLines implements AutoCloseable {

    private static final Formatter FORMATTER = new SimpleFormatter();

    private final List<Logger> loggers;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    // with its parameters filled in, as a log file shows it
                    lines.add(String.valueOf(FORMATTER.formatMessage(r)));
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    private LogLines(String... names) {
        handler.setLevel(Level.ALL);
        loggers = java.util.Arrays.stream(names).map(Logger::getLogger).toList();
        loggers.forEach(l -> l.addHandler(handler));
    }

    /**
     * @param names the loggers to listen to, such as {@code dev.outbox}, or {@code ""} for all
     * @return the capture, to close when the test is done
     */
    public static LogLines capture(String... names) {
        return new LogLines(names);
    }

    /**
     * @param part a piece of text
     * @return whether a line logged since the capture began contains it
     */
    public boolean contains(String part) {
        return lines.stream().anyMatch(l -> l.contains(part));
    }

    /**
     * @return the lines logged since the capture began
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.removeHandler(handler));
    }
}
