package dev.outbox.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The process a server's or the broker's pid file names. */
final class PidFile {

    private PidFile() {}

    /**
     * @param file a pid file
     * @return the process it names; empty when there is none, when it is being written, or when its
     *     server's script removed it between the look and the read (as standalone.sh does when its
     *     killed JVM ends)
     */
    static Optional<ProcessHandle> process(Path file) throws IOException {
        String written;
        try {
            written = Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return written.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(written));
    }
}
