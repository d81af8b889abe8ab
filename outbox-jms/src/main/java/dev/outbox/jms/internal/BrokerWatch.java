package dev.outbox.jms.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds how long a thread waits for the broker. A connection factory configured to reconnect for
 * ever, or a full address that blocks senders, would otherwise hold the relay's thread without a
 * word. A call that is still running after the timeout is interrupted by {@link #check}, which the
 * relay runs on a timer of its own; the Artemis client turns the interrupt into an exception, and
 * the relay pauses as for an outage.
 */
final class BrokerWatch {

    /** One watched call. The lock orders the interrupt before the call's end, see {@link #end}. */
    static final class Call {
        private final Thread thread = Thread.currentThread();
        private final long started;
        private final boolean counted;
        private boolean done;
        private boolean interrupted;

        private Call(long started, boolean counted) {
            this.started = started;
            this.counted = counted;
        }

        /**
         * @return whether the watch interrupted this call
         */
        synchronized boolean interrupted() {
            return interrupted;
        }
    }

    private final long timeoutNanos;
    private final Map<Call, Boolean> calls = new ConcurrentHashMap<>();

    /**
     * @param timeout how long a call may run before it is interrupted
     */
    BrokerWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * @param now {@link System#nanoTime()}
     * @return the call, to pass to {@link #end} in a {@code finally} block
     */
    Call begin(long now) {
        return begin(now, true);
    }

    /**
     * @param now {@link System#nanoTime()}
     * @param counted whether {@link #check} counts the call when it interrupts it: a send is, the
     *     relay's warm-up is not (a slow first connection is no outage)
     * @return the call, to pass to {@link #end} in a {@code finally} block
     */
    Call begin(long now, boolean counted) {
        Call call = new Call(now, counted);
        calls.put(call, Boolean.TRUE);
        return call;
    }

    /**
     * Ends a call. If the watch interrupted it, the thread's interrupt status is cleared here, so
     * that it does not leak into the container's next use of the thread.
     *
     * @param call the call
     */
    void end(Call call) {
        calls.remove(call);
        synchronized (call) {
            call.done = true;
            if (call.interrupted) {
                Thread.interrupted();
            }
        }
    }

    /**
     * Interrupts every call running longer than the timeout, at every check until it ends.
     *
     * @param now {@link System#nanoTime()}
     * @return how many counted calls it interrupted for the first time
     */
    int check(long now) {
        int n = 0;
        for (Call call : calls.keySet()) {
            if (now - call.started < timeoutNanos) {
                continue;
            }
            synchronized (call) {
                if (!call.done) {
                    boolean first = !call.interrupted;
                    call.interrupted = true;
                    // again at every check: the Artemis client may wait anew after an interrupt
                    // (a rollback waiting for a failover that never comes)
                    call.thread.interrupt();
                    if (first && call.counted) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
