package dev.outbox.it;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs an Artemis broker in the failsafe JVM for the whole test run, on loopback. Duplicate
 * detection is on, as by default; security is off.
 */
public class TestBroker implements LauncherSessionListener {

    private static EmbeddedActiveMQ broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("outbox.it.artemis.port");
        if (port == null || broker != null) {
            return;
        }
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJournalDirectory("target/artemis/journal");
            config.setBindingsDirectory("target/artemis/bindings");
            config.setLargeMessagesDirectory("target/artemis/large");
            config.setPagingDirectory("target/artemis/paging");
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
            broker = new EmbeddedActiveMQ().setConfiguration(config);
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test broker on port " + port, e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            if (broker != null) {
                broker.stop();
                broker = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
