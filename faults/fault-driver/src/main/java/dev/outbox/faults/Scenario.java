package dev.outbox.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults, each injected while the writers run. faultServer relays; faultServer2 takes the
 * writes and runs the consumers, and relays too in {@link #TWO_RELAYS} and {@link #FROZEN_RELAY}.
 */
enum Scenario {
    RELAY_KILL(
            "s1",
            "relay killed",
            "kill -9 of the relaying server (faultServer) while it relays, evenly spread over the"
                    + " load, restarted each time; the writers go on writing on faultServer2") {
        @Override
        Instant inject(Stage stage) throws Exception {
            int kills = stage.sizes().relayKills();
            for (int i = 1; i <= kills; i++) {
                stage.load().awaitProgress(i / (kills + 1.0));
                stage.say("kill -9 %s (%d of %d)", stage.relay().name(), i, kills);
                stage.relay().kill();
                stage.say("%s killed: %s", stage.relay().name(), Faults.inDoubt(stage.relay()));
                stage.relay().start();
            }
            return Instant.now();
        }
    },
    BROKER_OUTAGE(
            "s2",
            "broker stopped",
            "the broker is stopped under load, kept down, then started again; relays and consumers"
                    + " reconnect by themselves") {
        @Override
        Instant inject(Stage stage) throws Exception {
            stage.load().awaitProgress(0.3);
            stage.say("stopping the broker for %d s", stage.sizes().brokerOutage().toSeconds());
            Broker.PRIMARY.stop();
            Thread.sleep(stage.sizes().brokerOutage().toMillis());
            Broker.PRIMARY.start();
            stage.say("broker started again");
            return Instant.now();
        }
    },
    DATABASE_RESTART(
            "s3",
            "database crashed",
            "the PostgreSQL cluster is stopped under load as by a crash (immediate: no"
                    + " checkpoint, WAL not yet flushed is lost, so the relay's asynchronous"
                    + " commits may be forgotten; prepared transactions kept), kept down a few"
                    + " seconds, and started again (crash recovery)") {
        @Override
        Instant inject(Stage stage) throws Exception {
            stage.load().awaitProgress(0.4);
            stage.say(
                    "crashing the database (down for %d s)",
                    stage.sizes().databaseOutage().toSeconds());
            Database.restart(stage.sizes().databaseOutage());
            stage.say("database up again: %s", Faults.inDoubt(stage.relay()));
            return Instant.now();
        }
    },
    DATABASE_FAILOVER(
            "s8",
            "database failover",
            "the database is a primary and a hot standby (pg_basebackup, streaming replication,"
                    + " synchronous: a commit waits for the standby) and the servers' datasources"
                    + " name both (targetServerType=primary); the primary's postmaster is killed"
                    + " with kill -9 under load and the standby promoted after the outage of s3,"
                    + " as a failover manager would. Transactions prepared at the kill are counted"
                    + " on the promoted standby, and again once the ledgers agree. The primary is"
                    + " made again from the promoted standby afterwards") {
        @Override
        void before(Stage stage) throws Exception {
            Standby.start();
            stage.say("the standby replicates synchronously");
        }

        @Override
        Instant inject(Stage stage) throws Exception {
            stage.load().awaitProgress(0.4);
            stage.say(
                    "kill -9 of the primary database (%d records pending, %d transactions"
                            + " prepared); the standby is promoted in %d s",
                    Claims.pendingSince(stage.run(), Instant.now()),
                    Database.prepared(),
                    stage.sizes().databaseOutage().toSeconds());
            Standby.killPrimary();
            Thread.sleep(stage.sizes().databaseOutage().toMillis());
            Instant promoting = Instant.now();
            Standby.promote();
            stage.say(
                    "the standby takes writes %d ms after its promotion: %s",
                    Duration.between(promoting, Instant.now()).toMillis(),
                    Faults.inDoubt(stage.relay()));
            return Instant.now();
        }

        @Override
        void after(Stage stage) throws Exception {
            stage.say("once the ledgers agree: %s", Faults.inDoubt(stage.relay()));
            Standby.failBack();
            stage.say("the primary is made again from the promoted standby, and runs alone");
        }
    },
    POISON(
            "s4",
            "1 % poison",
            "about 1 % of the events are poison, each on a key of its own: half routed to a queue"
                    + " the broker may not create, half with a payload over the broker's message"
                    + " size limit; they must end QUARANTINED or FAILED, every good one delivered") {
        @Override
        double poisonShare() {
            return 0.01;
        }
    },
    CONSUMER_KILL(
            "s6",
            "consumer killed",
            "kill -9 of the consumer server (faultServer2) while its consumers process, between"
                    + " the side effect and the commit of many of them (each handler pauses 2 ms"
                    + " after its effect), restarted each time") {
        @Override
        Instant inject(Stage stage) throws Exception {
            int kills = stage.sizes().consumerKills();
            for (int i = 1; i <= kills; i++) {
                stage.load().awaitProgress(i / (kills + 1.0));
                stage.say("kill -9 %s (%d of %d)", stage.consumer().name(), i, kills);
                stage.consumer().killAndRestart();
            }
            return Instant.now();
        }
    },
    FULL_BROKER(
            "s10",
            "full broker, BLOCK",
            "the writers write to faultServer, the relay; before they start, the events' address"
                    + " is limited to 512 KiB with address-full-policy BLOCK and the consumers'"
                    + " server (faultServer2) is stopped, so that the address fills and the relay's"
                    + " sends block; after 45 s [30 s] the consumers start, and the limit stays"
                    + " until the ledgers agree. The relay must give up a blocked send after its"
                    + " broker timeout, pause, charge no record an attempt, and resume by itself") {
        @Override
        List<Server> writeTargets(Server relay, Server consumer) {
            return List.of(relay);
        }

        @Override
        void before(Stage stage) throws Exception {
            limitEvents(stage, "BLOCK");
        }

        @Override
        Instant inject(Stage stage) throws Exception {
            return consumersAway(stage, "OUTBOX0317W");
        }

        @Override
        void after(Stage stage) throws Exception {
            Broker.PRIMARY.limitEvents(-1, null);
        }
    },
    FULL_BROKER_FAIL(
            "s10f",
            "full broker, FAIL",
            "as s10, with address-full-policy FAIL: the broker refuses the relay's sends at once"
                    + " while the address is full. The relay must pause that destination alone"
                    + " (OUTBOX0325W), charge no record an attempt, and send again once the"
                    + " consumers make room") {
        @Override
        List<Server> writeTargets(Server relay, Server consumer) {
            return List.of(relay);
        }

        @Override
        void before(Stage stage) throws Exception {
            limitEvents(stage, "FAIL");
        }

        @Override
        Instant inject(Stage stage) throws Exception {
            return consumersAway(stage, "OUTBOX0325W");
        }

        @Override
        void after(Stage stage) throws Exception {
            Broker.PRIMARY.limitEvents(-1, null);
        }
    },
    BROKER_FAILOVER(
            "s7",
            "broker failover",
            "the broker is a primary/backup pair (replication, duplicate-id cache included) and the"
                    + " servers connect with HA on and both brokers in their connector list; the"
                    + " primary is killed with kill -9 under load, the backup takes over, and later"
                    + " the primary is started again and takes over back (failback). Sends the"
                    + " broker's duplicate-id cache dropped are counted from both brokers' logs") {
        /** The dropped sends both brokers had logged before the scenario. */
        private long dropped;

        @Override
        Topology topology() {
            return Topology.PAIR;
        }

        @Override
        void before(Stage stage) throws Exception {
            Broker.BACKUP.wipe();
            long synced = Broker.BACKUP.logged(Broker.SYNCHRONIZED);
            Broker.BACKUP.launch();
            Waits.until(
                    "the backup broker to synchronize with the primary",
                    Duration.ofMinutes(2),
                    () -> Broker.BACKUP.logged(Broker.SYNCHRONIZED) > synced);
            dropped =
                    Broker.PRIMARY.logged(Broker.DUPLICATE_DROPPED)
                            + Broker.BACKUP.logged(Broker.DUPLICATE_DROPPED);
            stage.say("the backup broker follows the primary");
        }

        @Override
        Instant inject(Stage stage) throws Exception {
            stage.load().awaitProgress(0.3);
            stage.say(
                    "kill -9 of the primary broker (%d records pending)",
                    Claims.pendingSince(stage.run(), Instant.now()));
            Instant killed = Instant.now();
            Broker.PRIMARY.kill();
            Waits.until(
                    "the backup broker to take over",
                    Duration.ofMinutes(2),
                    Broker.BACKUP::listening);
            stage.say(
                    "the backup broker is active %d ms after the kill",
                    Duration.between(killed, Instant.now()).toMillis());
            // an event written after the kill can only reach a consumer through the backup: the
            // relay sent it there and a consumer took it from there
            try {
                Waits.until(
                        "an event written after the kill to be processed",
                        Duration.ofMinutes(1),
                        () -> processedWrittenAfter(stage.run(), killed) > 0);
                stage.say(
                        "events written after the kill and processed through the backup: %d",
                        Result.processedWrittenAfter(stage.run(), killed));
            } catch (IllegalStateException e) {
                stage.fail(
                        "no event written after the kill was processed within a minute of the"
                                + " backup's takeover: the relay or the consumers did not fail over");
            }
            stage.load().awaitProgress(0.7);
            long synced = Broker.BACKUP.logged(Broker.SYNCHRONIZED);
            stage.say("starting the primary broker again (failback)");
            Instant started = Instant.now();
            Broker.PRIMARY.launch();
            Waits.until(
                    "the primary broker to take over again",
                    Duration.ofMinutes(2),
                    Broker.PRIMARY::listening);
            stage.say(
                    "the primary broker is active again %d ms after its start",
                    Duration.between(started, Instant.now()).toMillis());
            Waits.until(
                    "the backup broker to follow the primary again",
                    Duration.ofMinutes(2),
                    () -> Broker.BACKUP.logged(Broker.SYNCHRONIZED) > synced);
            stage.say("the backup broker follows the primary again");
            return Instant.now();
        }

        @Override
        void after(Stage stage) throws Exception {
            long now =
                    Broker.PRIMARY.logged(Broker.DUPLICATE_DROPPED)
                            + Broker.BACKUP.logged(Broker.DUPLICATE_DROPPED);
            stage.say(
                    "sends dropped by the brokers' duplicate-id cache (%s): %d",
                    Broker.DUPLICATE_DROPPED, now - dropped);
            // the backup first: stopping the primary while its backup runs would fail over
            Broker.BACKUP.stop();
            Broker.BACKUP.wipe();
        }
    },
    FROZEN_RELAY(
            "s9",
            "frozen relay",
            "both servers relay, faultServer2 takes the writes; faultServer is frozen (SIGSTOP, as"
                    + " by a long GC pause or a suspended VM) at a moment when it holds a claimed"
                    + " batch, for longer than its claim (outbox.relay.claim-timeout, 30 s) and its"
                    + " transaction timeout (30 s), then let run on (SIGCONT). Also fails when"
                    + " records written before the freeze are still pending at its end: the claim"
                    + " must lapse and faultServer2 relay them") {
        @Override
        boolean twoRelays() {
            return true;
        }

        @Override
        List<Server> writeTargets(Server relay, Server consumer) {
            return List.of(consumer);
        }

        @Override
        Instant inject(Stage stage) throws Exception {
            stage.load().awaitProgress(0.3);
            Server frozen = stage.relay();
            Set<Integer> ports = Set.of();
            long held = 0;
            Instant start = Instant.now();
            // freeze, look, and let it run on again until the freeze catches it holding a claim
            for (int attempt = 1; attempt <= 500 && held == 0; attempt++) {
                frozen.freeze();
                ports = Claims.databasePorts(frozen.process().orElseThrow());
                held = Claims.held(ports);
                if (held == 0) {
                    frozen.thaw();
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50));
                }
            }
            if (held == 0) {
                stage.fail("no freeze caught " + frozen.name() + " holding a claim in 500 tries");
                return Instant.now();
            }
            start = Instant.now();
            stage.say(
                    "%s frozen with %d claim(s) in the database; frozen for %d s",
                    frozen.name(), held, stage.sizes().freeze().toSeconds());
            Thread.sleep(stage.sizes().freeze().toMillis());
            long stillHeld = Claims.held(ports);
            long pending = Claims.pendingSince(stage.run(), start);
            long prepared = Database.prepared();
            stage.say(
                    "at the end of the freeze: %d claim(s) still held by %s, %d record(s) written"
                            + " before the freeze still pending, %d transaction(s) prepared",
                    stillHeld, frozen.name(), pending, prepared);
            if (pending > 0 && prepared == 0) {
                stage.fail(
                        pending
                                + " record(s) written before the freeze were still pending at its"
                                + " end: the frozen server's claim did not lapse");
            }
            frozen.thaw();
            stage.say("%s runs on", frozen.name());
            return Instant.now();
        }
    },
    CLUSTER_GROUPING(
            "s11",
            "broker cluster, grouping",
            "two clustered brokers (a symmetric cluster, message-load-balancing ON_DEMAND) with"
                    + " message grouping across the cluster: a LOCAL grouping handler on node A, a"
                    + " REMOTE one on node B. Both servers relay, take writes and consume,"
                    + " faultServer on node A alone and faultServer2 on node B alone, so that a"
                    + " key's messages reach either node and its consumers may be on either."
                    + " Per-key order and the inbox's strict check must hold; compare the time"
                    + " and throughput with s5, two relays on one broker, in the same run. Open"
                    + " Liberty only") {
        @Override
        Topology topology() {
            return Topology.CLUSTER;
        }

        @Override
        boolean twoRelays() {
            return true;
        }
    },
    TWO_RELAYS(
            "s5",
            "two relays, one killed",
            "both servers take writes and relay at once; faultServer is killed with kill -9 in"
                    + " the middle of the load and restarted") {
        @Override
        boolean twoRelays() {
            return true;
        }

        @Override
        Instant inject(Stage stage) throws Exception {
            stage.load().awaitProgress(0.5);
            stage.say("kill -9 %s", stage.relay().name());
            stage.relay().killAndRestart();
            return Instant.now();
        }
    };

    private static long processedWrittenAfter(String run, Instant after) {
        try {
            return Result.processedWrittenAfter(run, after);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    /** Limits the events' address and stops the consumers' server (scenarios 10). */
    private static void limitEvents(Stage stage, String policy) throws Exception {
        Broker.PRIMARY.limitEvents(EVENTS_LIMIT, policy);
        stage.say(
                "%s limited to 512 KiB, %s; stopping %s",
                Broker.EVENTS, policy, stage.consumer().name());
        stage.consumer().stop();
    }

    /**
     * Keeps the consumers away while the address is full, then starts them (scenarios 10). Fails
     * the run when the relay charged records attempts meanwhile: a full address is not theirs.
     *
     * @param expected the message the relay logs for the full address: a broker timeout (BLOCK) or
     *     a paused destination (FAIL)
     */
    private static Instant consumersAway(Stage stage, String expected) throws Exception {
        List<String> ids = List.of(expected, "OUTBOX0306W", "OUTBOX0308W", "OUTBOX0309E");
        List<Long> before = stage.relay().logged(ids);
        Thread.sleep(stage.sizes().consumersAway().toMillis());
        List<Long> after = stage.relay().logged(ids);
        long charged = after.get(2) - before.get(2) + after.get(3) - before.get(3);
        stage.say(
                "%d s without consumers: %s logged %s %d times, relay paused %d (OUTBOX0306W),"
                        + " record retried %d (OUTBOX0308W), record failed %d (OUTBOX0309E); %d"
                        + " records pending",
                stage.sizes().consumersAway().toSeconds(),
                stage.relay().name(),
                expected,
                after.get(0) - before.get(0),
                after.get(1) - before.get(1),
                after.get(2) - before.get(2),
                after.get(3) - before.get(3),
                Claims.pendingSince(stage.run(), Instant.now()));
        if (after.get(0) - before.get(0) == 0) {
            stage.fail("the relay never logged " + expected + ": the address did not fill");
        }
        if (charged > 0) {
            stage.fail(charged + " attempt(s) charged to records while the address was full");
            // the failures' own words, before a restart rotates the log
            for (String id : List.of("OUTBOX0308W", "OUTBOX0309E")) {
                List<String> lines = stage.relay().loggedLines(id);
                for (String l : lines.subList(Math.max(0, lines.size() - 3), lines.size())) {
                    stage.say("%s", l);
                }
            }
        }
        stage.say("starting %s; the limit stays", stage.consumer().name());
        stage.consumer().start();
        return Instant.now();
    }

    /**
     * The events' address in scenario 10: a third of the CI run's messages (1.4 KB each), and more
     * than a batch of 100. An address smaller than a batch never takes one with BLOCK: the batch's
     * own uncommitted sends count against it (the first runs, with 64 KiB, saw it).
     */
    private static final long EVENTS_LIMIT = 512 * 1024;

    final String id;
    final String title;
    final String description;

    Scenario(String id, String title, String description) {
        this.id = id;
        this.title = title;
        this.description = description;
    }

    /**
     * Injects the fault while the load runs.
     *
     * @return when the last fault was healed (the server, broker or database back)
     */
    Instant inject(Stage stage) throws Exception {
        return Instant.now();
    }

    /** Prepares the fault before the writers start. */
    void before(Stage stage) throws Exception {}

    /** Undoes what the scenario changed, once its ledgers are read. */
    void after(Stage stage) throws Exception {}

    /**
     * @return the share of poison events among the events written
     */
    double poisonShare() {
        return 0;
    }

    /**
     * @return the brokers the servers connect to
     */
    Topology topology() {
        return Topology.PRIMARY;
    }

    /**
     * @return whether faultServer2 relays too
     */
    boolean twoRelays() {
        return false;
    }

    /**
     * @return the servers the writers write to
     */
    List<Server> writeTargets(Server relay, Server consumer) {
        return twoRelays() ? List.of(relay, consumer) : List.of(consumer);
    }

    /**
     * What a scenario works with.
     *
     * @param load the writers
     * @param relay faultServer
     * @param consumer faultServer2
     * @param sizes the run's sizes
     * @param run the run's name, for progress lines
     * @param problems what the scenario saw fail, beside the ledgers
     */
    record Stage(
            Load load,
            Server relay,
            Server consumer,
            Sizes sizes,
            String run,
            List<String> problems) {
        void say(String format, Object... args) {
            Faults.say(run + ": " + String.format(format, args));
        }

        /** Fails the run beside the ledgers' criteria, for a reason the scenario saw. */
        void fail(String problem) {
            say("FAIL: %s", problem);
            problems.add(problem);
        }
    }
}
