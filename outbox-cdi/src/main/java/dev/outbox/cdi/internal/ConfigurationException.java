package dev.outbox.cdi.internal;

import dev.outbox.OutboxException;

/**
 * Reported as a deployment problem when an {@code outbox.*} property is invalid: the deployment
 * fails and each problem names the property and its value.
 */
public class ConfigurationException extends OutboxException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, naming the property and its value
     */
    public ConfigurationException(String message) {
        // where the configuration was read is of no interest: keep the log to one line per problem
        super(message, null, false);
    }
}
