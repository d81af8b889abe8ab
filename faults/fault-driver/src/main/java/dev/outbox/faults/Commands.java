package dev.outbox.faults;

import java.io.IOException;
import java.util.List;

/** Runs a command of the machine and fails with its output when it fails. */
final class Commands {

    private Commands() {}

    /**
     * @param command the command and its arguments
     * @return what it printed
     */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (" + rc + "): " + out);
        }
        return out.trim();
    }
}
