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
        private boolean done;
        private boolean interrupted;

        private Call(long started) {
            this.started = started;
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
        Call call = new Call(now);
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
     * Interrupts every call running longer than the timeout.
     *
     * @param now {@link System#nanoTime()}
     * @return how many calls it interrupted
     */
    int check(long now) {
        int n = 0;
        for (Call call : calls.keySet()) {
            if (now - call.started < timeoutNanos) {
                continue;
            }
            synchronized (call) {
                if (!call.done && !call.interrupted) {
                    call.interrupted = true;
                    call.thread.interrupt();
                    n++;
                }
            }
        }
        return n;
    }
}
