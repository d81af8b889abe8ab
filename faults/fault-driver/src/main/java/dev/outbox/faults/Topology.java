package dev.outbox.faults;

import java.util.List;

/** Which brokers the servers connect to, by scenario. */
enum Topology {
    /** The primary broker alone. */
    PRIMARY,
    /** The primary/backup pair, both in each server's connector list, HA on (scenario 7). */
    PAIR,
    /**
     * Two clustered brokers with message grouping: faultServer connects to node A alone,
     * faultServer2 to node B alone (scenario 11).
     */
    CLUSTER;

    /**
     * @param server the server's name
     * @return the brokers in the server's connector list, in order
     */
    List<Broker> brokers(String server) {
        return switch (this) {
            case PRIMARY -> List.of(Broker.PRIMARY);
            case PAIR -> List.of(Broker.PRIMARY, Broker.BACKUP);
            case CLUSTER ->
                    List.of("faultServer".equals(server) ? Broker.CLUSTER_A : Broker.CLUSTER_B);
        };
    }

    /**
     * @return whether the servers connect with HA on (the client follows a failover)
     */
    boolean ha() {
        return this == PAIR;
    }

    /**
     * @return whether faultServer consumes too: with the cluster, each node has consumers
     */
    boolean consumersOnBoth() {
        return this == CLUSTER;
    }

    /** Starts the cluster's nodes and waits until each has a bridge to the other. */
    static void startCluster() throws Exception {
        long a = Broker.CLUSTER_A.logged(Broker.BRIDGE_CONNECTED);
        long b = Broker.CLUSTER_B.logged(Broker.BRIDGE_CONNECTED);
        Broker.CLUSTER_A.start();
        Broker.CLUSTER_B.start();
        Waits.until(
                "the cluster's nodes to connect to each other",
                java.time.Duration.ofMinutes(2),
                () ->
                        Broker.CLUSTER_A.logged(Broker.BRIDGE_CONNECTED) > a
                                && Broker.CLUSTER_B.logged(Broker.BRIDGE_CONNECTED) > b);
    }

    /** Stops the cluster's nodes and deletes their data. */
    static void stopCluster() throws Exception {
        Broker.CLUSTER_B.stop();
        Broker.CLUSTER_A.stop();
        Broker.CLUSTER_B.wipe();
        Broker.CLUSTER_A.wipe();
    }
}
