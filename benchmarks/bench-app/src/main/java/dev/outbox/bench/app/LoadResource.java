package dev.outbox.bench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /bench/api/load?rate=1000&seconds=60&workers=8} offers a steady load from inside the
 * server: transaction i starts at {@code start + i / rate} (open loop: a late worker does not shift
 * the schedule, it starts the next transaction at once). Returns what was achieved as JSON.
 */
@Path("load")
public class LoadResource {

    @Inject OrderService orders;

    /**
     * Dedicated threads (with the application's context), not the server's executor: the relay's
     * immediate dispatch runs on that executor, and long-running generator tasks would occupy it.
     */
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String load(
            @QueryParam("rate") int rate,
            @QueryParam("seconds") int seconds,
            @QueryParam("workers") int workers)
            throws Exception {
        int w = workers <= 0 ? 8 : workers;
        long total = (long) rate * seconds;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong maxLateNanos = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            running.add(
                    threads.newThread(
                            () -> {
                                long n;
                                while ((n = next.getAndIncrement()) < total) {
                                    long due = start + (long) (n * interval);
                                    long wait = due - System.nanoTime();
                                    if (wait > 0) {
                                        LockSupport.parkNanos(wait);
                                    } else {
                                        maxLateNanos.accumulateAndGet(-wait, Math::max);
                                    }
                                    try {
                                        orders.place(true);
                                        done.incrementAndGet();
                                    } catch (RuntimeException e) {
                                        failed.incrementAndGet();
                                    }
                                }
                            }));
        }
        for (Thread t : running) {
            t.start();
        }
        for (Thread t : running) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return String.format(
                java.util.Locale.ROOT,
                "{\"offered\":%d,\"committed\":%d,\"failed\":%d,\"seconds\":%.3f,\"maxLateMs\":%.1f}",
                total,
                done.get(),
                failed.get(),
                elapsed,
                maxLateNanos.get() / 1e6);
    }
}
