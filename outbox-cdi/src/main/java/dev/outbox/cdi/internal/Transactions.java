package dev.outbox.cdi.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Access to the container's {@link TransactionSynchronizationRegistry}. */
public final class Transactions {

    private static final String TSR = "java:comp/TransactionSynchronizationRegistry";

    private Transactions() {}

    /**
     * @return the registry of the current component's container
     */
    public static TransactionSynchronizationRegistry registry() {
        try {
            return (TransactionSynchronizationRegistry) new InitialContext().lookup(TSR);
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot look up " + TSR, e);
        }
    }

    /**
     * @param status a {@link Status} constant
     * @return its name, such as {@code STATUS_NO_TRANSACTION}
     */
    public static String describe(int status) {
        return switch (status) {
            case Status.STATUS_ACTIVE -> "STATUS_ACTIVE";
            case Status.STATUS_MARKED_ROLLBACK -> "STATUS_MARKED_ROLLBACK";
            case Status.STATUS_PREPARED -> "STATUS_PREPARED";
            case Status.STATUS_COMMITTED -> "STATUS_COMMITTED";
            case Status.STATUS_ROLLEDBACK -> "STATUS_ROLLEDBACK";
            case Status.STATUS_UNKNOWN -> "STATUS_UNKNOWN";
            case Status.STATUS_NO_TRANSACTION -> "STATUS_NO_TRANSACTION";
            case Status.STATUS_PREPARING -> "STATUS_PREPARING";
            case Status.STATUS_COMMITTING -> "STATUS_COMMITTING";
            case Status.STATUS_ROLLING_BACK -> "STATUS_ROLLING_BACK";
            default -> "status " + status;
        };
    }
}
