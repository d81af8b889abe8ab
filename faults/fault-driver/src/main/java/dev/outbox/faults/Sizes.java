package dev.outbox.faults;

import java.time.Duration;

/**
 * How big a run is: the full run (at least 100,000 events over all scenarios and both modes) or the
 * small one for CI.
 *
 * @param events good events written per scenario and mode
 * @param keys aggregate ids per scenario and mode
 * @param writers concurrent writer threads
 * @param relayKills kill -9 of the relaying server in scenario 1
 * @param brokerOutage how long the broker stays down in scenario 2
 * @param databaseOutage how long the database stays down in scenario 3
 * @param consumerKills kill -9 of the consumer server in scenario 6
 * @param consumersAway how long scenario 10 keeps the consumers stopped, each time
 * @param freeze how long scenario 9 freezes a relaying server
 * @param recovery how long to wait for the ledgers to agree after the load and the faults
 */
record Sizes(
        int events,
        int keys,
        int writers,
        int relayKills,
        Duration brokerOutage,
        Duration databaseOutage,
        int consumerKills,
        Duration consumersAway,
        Duration freeze,
        Duration recovery) {

    static final Sizes FULL =
            new Sizes(
                    8500,
                    1500,
                    8,
                    5,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    3,
                    Duration.ofSeconds(45),
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(5));

    static final Sizes CI =
            new Sizes(
                    600,
                    150,
                    6,
                    1,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(3),
                    1,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(40),
                    Duration.ofMinutes(2));
}
