package dev.outbox.faults;

import java.time.Instant;
import java.util.List;

/**
 * The faults, each injected while the writers run. faultServer relays; faultServer2 takes the
 * writes and runs the consumers, and relays too in {@link #TWO_RELAYS}.
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
            Broker.stop();
            Thread.sleep(stage.sizes().brokerOutage().toMillis());
            Broker.start();
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

    /**
     * @return the share of poison events among the events written
     */
    double poisonShare() {
        return 0;
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
     */
    record Stage(Load load, Server relay, Server consumer, Sizes sizes, String run) {
        void say(String format, Object... args) {
            Faults.say(run + ": " + String.format(format, args));
        }
    }
}
