package dev.outbox.faults;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a server's relay holds in the database: the sessions of its JVM (found by their client ports
 * in /proc, no server configuration needed) that hold a claim, i.e. row locks on {@code
 * outbox_record} taken by {@code SELECT … FOR UPDATE}.
 */
final class Claims {

    private Claims() {}

    /**
     * @param jvm a server's JVM, running or frozen
     * @return the local ports of its TCP connections to the suite's database
     */
    static Set<Integer> databasePorts(ProcessHandle jvm) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds =
                Files.newDirectoryStream(Path.of("/proc/" + jvm.pid() + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid
                // timeout inode
                String[] f = line.trim().split("\\s+");
                int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                if (remotePort == Database.PORT && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /**
     * @param ports a server's database connections ({@link #databasePorts})
     * @return how many of those sessions hold a claim
     */
    static long held(Set<Integer> ports) throws SQLException {
        try (Connection c = Database.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM pg_stat_activity a WHERE a.client_port ="
                                        + " ANY(?) AND EXISTS (SELECT 1 FROM pg_locks l WHERE"
                                        + " l.pid = a.pid AND l.granted AND l.mode ="
                                        + " 'RowShareLock' AND l.relation ="
                                        + " 'outbox_record'::regclass)")) {
            Array array = c.createArrayOf("int4", ports.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * @param run the scenario run
     * @param before a time
     * @return the run's records still PENDING that were written before that time
     */
    static long pendingSince(String run, Instant before) throws SQLException {
        return Database.count(
                "SELECT count(*) FROM outbox_record WHERE aggregate_id LIKE ? || '.%' AND status ="
                        + " 'PENDING' AND written_at < ?",
                run, before);
    }
}
