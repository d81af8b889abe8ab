package dev.outbox.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The hot standby of the suite's PostgreSQL cluster ("faults-standby", port 5434, created by
 * scripts/faults.sh with no data of its own), for scenario 8 only: made afresh from the primary by
 * pg_basebackup with streaming replication, synchronous (the primary's commits wait for it), then
 * promoted when the primary is killed. Afterwards the primary is made again as a copy of the
 * promoted standby, and the standby stops. Runs PostgreSQL's tools as the postgres user.
 */
final class Standby {

    static final int PORT = Integer.getInteger("faults.pg.standby-port", 5434);
    private static final String CLUSTER = "faults-standby";
    private static final String BIN = "/usr/lib/postgresql/" + Database.VERSION + "/bin/";
    private static final Path PRIMARY_DATA = Path.of(System.getProperty("faults.pg.data", ""));
    private static final Path DATA = Path.of(System.getProperty("faults.pg.standby-data", ""));

    /** The primary's setting that makes its commits wait for the standby, while it runs. */
    private static final Path SYNCHRONOUS =
            Path.of(
                    "/etc/postgresql",
                    Database.VERSION,
                    Database.CLUSTER,
                    "conf.d",
                    "synchronous.conf");

    private Standby() {}

    /**
     * Copies the primary into the standby's data directory, starts the standby, makes the primary's
     * commits wait for it, and waits until it replicates synchronously.
     */
    static void start() throws Exception {
        stopIfRunning();
        Commands.run("find", DATA.toString(), "-mindepth", "1", "-delete");
        Commands.run(
                "runuser",
                "-u",
                "postgres",
                "--",
                BIN + "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(Database.PORT),
                "-U",
                "postgres",
                "-D",
                DATA.toString(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast");
        Database.ctl(CLUSTER, "start");
        Files.writeString(SYNCHRONOUS, "synchronous_standby_names = '*'\n");
        Database.ctl(Database.CLUSTER, "reload");
        Waits.until("the standby to replicate synchronously", Duration.ofMinutes(1), Standby::sync);
    }

    private static boolean sync() {
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + Database.PORT + "/postgres",
                                "postgres",
                                "");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM pg_stat_replication"
                                        + " WHERE sync_state = 'sync'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Kills the primary's postmaster as a machine's loss would: kill -9, no shutdown. */
    static void killPrimary() throws Exception {
        String pid = Files.readAllLines(PRIMARY_DATA.resolve("postmaster.pid")).get(0).trim();
        Commands.run("kill", "-9", pid);
    }

    /** Promotes the standby and waits until it takes writes. */
    static void promote() throws Exception {
        Database.ctl(CLUSTER, "promote");
        Waits.until("the standby to be promoted", Duration.ofMinutes(1), Database::up);
    }

    /**
     * Makes the primary again from the promoted standby, stopped cleanly (a consistent copy of its
     * data directory), and starts the primary alone, without synchronous replication.
     */
    static void failBack() throws Exception {
        Database.ctl(CLUSTER, "stop", "-m", "fast");
        Waits.until(
                "the killed primary's processes to end",
                Duration.ofMinutes(1),
                () -> !killedPrimaryRuns());
        Files.deleteIfExists(SYNCHRONOUS);
        Commands.run("find", PRIMARY_DATA.toString(), "-mindepth", "1", "-delete");
        Commands.run("cp", "-a", DATA + "/.", PRIMARY_DATA.toString());
        // the standby's connection to its primary, which the copy does not need
        Files.writeString(PRIMARY_DATA.resolve("postgresql.auto.conf"), "");
        Files.deleteIfExists(PRIMARY_DATA.resolve("standby.signal"));
        Database.ctl(Database.CLUSTER, "start");
        Waits.until("the primary to accept connections", Duration.ofMinutes(1), Database::up);
    }

    /** Whether a backend of the killed primary runs on (they end when they see it gone). */
    private static boolean killedPrimaryRuns() {
        try {
            // its backends' process titles name the cluster, as "postgres: 15/faults: ..."
            Process p =
                    new ProcessBuilder(
                                    "pgrep",
                                    "-f",
                                    "postgres: " + Database.VERSION + "/" + Database.CLUSTER + ": ")
                            .redirectErrorStream(true)
                            .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the standby unless it is stopped already. */
    private static void stopIfRunning() throws Exception {
        try {
            Database.ctl(CLUSTER, "stop", "-m", "immediate");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("not running")) {
                throw e;
            }
        }
    }
}
