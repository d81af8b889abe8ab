package dev.outbox.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test server's log (Open Liberty's messages.log, WildFly's server.log), read from the test JVM
 * (tests that run as clients).
 */
public final class ServerLog {

    private ServerLog() {}

    /**
     * @return the current length, to read what is logged after it
     */
    public static long size() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path(), "r")) {
            return f.length();
        }
    }

    /**
     * @return what was logged since the offset
     */
    public static String since(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path(), "r")) {
            long length = f.length();
            if (offset > length) {
                offset = 0; // rolled over
            }
            f.seek(offset);
            byte[] bytes = new byte[(int) (length - offset)];
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until every part appears in what was logged since the offset (a failed deployment's
     * messages can reach the log a moment after the deployer returns).
     *
     * @return what was logged since the offset, when it holds every part or after 30 s
     */
    public static String awaitSince(long offset, String... parts)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String log = since(offset);
        while (!containsAll(log, parts) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            log = since(offset);
        }
        return log;
    }

    /**
     * @return whether the text was logged since the offset; {@code false} when the log cannot be
     *     read (yet)
     */
    public static boolean loggedSince(long offset, String text) {
        try {
            return since(offset).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean containsAll(String log, String... parts) {
        for (String part : parts) {
            if (!log.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return how many log lines (not stack lines) contain the text: lines that start as Liberty's
     *     ("[12/1/26, 10:00:00:000 UTC]") or WildFly's ("2026-12-01 10:00:00,000") do
     */
    public static int count(String log, String text) {
        Matcher m =
                Pattern.compile(
                                "^(\\[|\\d{4}-\\d\\d-\\d\\d ).*" + Pattern.quote(text),
                                Pattern.MULTILINE)
                        .matcher(log);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String path() {
        return System.getProperty(
                "outbox.it.server.log",
                "target/liberty/wlp/usr/servers/outboxItServer/logs/messages.log");
    }
}
