package dev.outbox.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's runner, driven from several threads with a fake worker: latches say when a batch has
 * begun and let it end; nothing waits on time as a signal.
 */
class DrainLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BATCH = 100;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final FakeWork work = new FakeWork();
    private final LogCapture logged = new LogCapture();
    private DrainLoop loop;

    @BeforeEach
    void setUp() {
        loop =
                new DrainLoop(
                        work,
                        pool,
                        clock,
                        new RelayLimits(
                                BATCH,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(8),
                                Duration.ofDays(1),
                                50,
                                60));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        logged.close();
        work.releaseAll();
        loop.stop(WAIT);
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void kicksDuringADrainMakeOneMoreDrain() throws Exception {
        Gate first = work.block(1);
        loop.kick();
        first.awaitEntered();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> kicks = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            kicks.add(
                    pool.submit(
                            () -> {
                                start.await();
                                for (int i = 0; i < 50; i++) {
                                    loop.kick();
                                }
                                return null;
                            }));
        }
        for (Future<?> k : kicks) {
            k.get(10, TimeUnit.SECONDS);
        }
        first.release();
        assertTrue(loop.awaitIdle(WAIT));
        assertEquals(2, work.batches.get(), "400 kicks during the first drain: one more drain");
        assertEquals(1, work.maxActive.get());
    }

    @Test
    void everyKickAfterADrainBeganLeadsToALaterDrain() throws Exception {
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicLong latestSeen = new AtomicLong();
        AtomicInteger kicks = new AtomicInteger();
        List<Future<?>> kickers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            kickers.add(
                    pool.submit(
                            () -> {
                                start.await();
                                for (int i = 0; i < 2000; i++) {
                                    // the drains begun before this kick: one more must begin after
                                    latestSeen.accumulateAndGet(work.batches.get(), Math::max);
                                    loop.kick();
                                    kicks.incrementAndGet();
                                }
                                return null;
                            }));
        }
        for (Future<?> k : kickers) {
            k.get(30, TimeUnit.SECONDS);
        }
        assertTrue(loop.awaitIdle(WAIT));
        int drains = work.batches.get();
        assertTrue(drains > latestSeen.get(), drains + " drains, one had begun before a kick");
        assertTrue(drains <= kicks.get(), "kicks coalesce");
        assertEquals(1, work.maxActive.get(), "one drain at a time");
    }

    @Test
    void aTickDuringADrainLeavesTheWorkToTheRunner() throws Exception {
        Gate first = work.block(1);
        loop.kick();
        first.awaitEntered();
        // the timer's thread returns at once: the runner is busy
        pool.submit(loop::tick).get(10, TimeUnit.SECONDS);
        assertEquals(0, work.purges.get());
        first.release();
        assertTrue(loop.awaitIdle(WAIT));
        assertEquals(2, work.batches.get(), "the tick's drain, after the kicked one");
        assertEquals(1, work.purges.get());
        assertEquals(1, work.sweeps.get());
        assertEquals(1, work.maxActive.get(), "no purge or sweep beside a drain");
    }

    @Test
    void aFailedPurgeDoesNotPauseSending() throws Exception {
        work.purgeFailure = new IllegalStateException("statement timeout");
        Gate first = work.block(1);
        loop.kick();
        first.awaitEntered();
        pool.submit(loop::tick).get(10, TimeUnit.SECONDS);
        first.release();
        assertTrue(loop.awaitIdle(WAIT));
        assertEquals(1, work.purges.get());
        assertFalse(loop.failing(), "sending is not paused");
        assertTrue(logged("OUTBOX0320W"), logged.toString());
        assertFalse(logged("OUTBOX0306W"), "no broker outage is reported");
        loop.kick();
        assertTrue(loop.awaitIdle(WAIT));
        assertEquals(3, work.batches.get(), "sending goes on");
        loop.tick();
        assertEquals(1, work.purges.get(), "the purge waits for its own backoff");
        assertEquals(4, work.batches.get());
        work.purgeFailure = null;
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertEquals(2, work.purges.get());
        assertTrue(logged("OUTBOX0321I"), logged.toString());
        assertEquals(1, work.maxActive.get());
    }

    @Test
    void aFailedLiftOfRefusedPausesDoesNotPauseSending() {
        work.liftFailure = new IllegalStateException("statement timeout");
        loop.tick();
        assertEquals(1, work.lifts.get());
        assertFalse(loop.failing(), "sending is not paused");
        assertEquals(1, logged.count("OUTBOX0324W"), logged.toString());
        assertEquals(1, work.purges.get(), "the rest of the housekeeping runs");
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertEquals(2, work.batches.get(), "sending goes on");
        assertEquals(1, work.lifts.get(), "the lift waits the maximum backoff");
        clock.advance(Duration.ofSeconds(7));
        loop.tick();
        assertEquals(2, work.lifts.get());
    }

    @Test
    void aBrokerFailurePausesAndARecoveryResumes() {
        work.batchFailure = Failures.relay("cannot connect", new ConnectException("refused"));
        loop.tick();
        assertTrue(loop.failing());
        assertTrue(logged("OUTBOX0306W"), logged.toString());
        assertEquals(0, work.purges.get(), "no housekeeping while sending pauses");
        loop.tick();
        loop.kick();
        assertTrue(loop.awaitIdle(WAIT));
        assertEquals(1, work.batches.get(), "paused for the interval");
        work.batchFailure = null;
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertEquals(2, work.batches.get());
        assertFalse(loop.failing());
        assertTrue(logged("OUTBOX0304I"), logged.toString());
        assertEquals(1, work.purges.get());
    }

    @Test
    void stopWaitsForTheRunningBatchAndThenRefusesWork() throws Exception {
        work.claimed = BATCH; // a full batch: the drain would go on
        Gate first = work.block(1);
        loop.kick();
        first.awaitEntered();
        assertFalse(loop.stop(Duration.ZERO), "the batch still runs; from now on work is refused");
        Future<Boolean> stop = pool.submit(() -> loop.stop(WAIT));
        AtomicReference<Boolean> doneBeforeStop = new AtomicReference<>();
        work.onBatchEnd = () -> doneBeforeStop.set(!stop.isDone());
        first.release();
        assertTrue(stop.get(10, TimeUnit.SECONDS), "the runner ended within the wait");
        assertTrue(doneBeforeStop.get(), "stop returned after the batch");
        assertEquals(1, work.batches.get(), "no batch after stop");
        loop.kick();
        loop.tick();
        assertEquals(1, work.batches.get(), "work is refused after stop");
    }

    @Test
    void stopGivesUpAfterItsWait() throws Exception {
        Gate first = work.block(1);
        loop.kick();
        first.awaitEntered();
        long begun = System.nanoTime();
        assertFalse(loop.stop(Duration.ofMillis(200)), "the batch is still running");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        assertTrue(took >= 190 && took < 5000, took + " ms");
        first.release();
        assertTrue(loop.stop(WAIT));
        assertEquals(1, work.batches.get());
    }

    private boolean logged(String id) {
        return logged.count(id) > 0;
    }

    /** Holds one batch until released. */
    static final class Gate {
        final int batch;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        Gate(int batch) {
            this.batch = batch;
        }

        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(10, TimeUnit.SECONDS), "batch " + batch + " began");
        }

        void release() {
            released.countDown();
        }
    }

    /** Counts calls and how many run at once. */
    static final class FakeWork implements RelayWork {
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger purges = new AtomicInteger();
        final AtomicInteger sweeps = new AtomicInteger();
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger maxActive = new AtomicInteger();
        final List<Gate> gates = new CopyOnWriteArrayList<>();
        volatile int claimed;
        volatile DispatchException batchFailure;
        volatile RuntimeException purgeFailure;
        volatile RuntimeException liftFailure;
        final AtomicInteger lifts = new AtomicInteger();
        volatile Runnable onBatchEnd = () -> {};

        Gate block(int batch) {
            Gate g = new Gate(batch);
            gates.add(g);
            return g;
        }

        void releaseAll() {
            gates.forEach(Gate::release);
        }

        @Override
        public int batch() throws DispatchException {
            enter();
            try {
                int n = batches.incrementAndGet();
                for (Gate g : gates) {
                    if (g.batch == n) {
                        g.entered.countDown();
                        await(g.released);
                    }
                }
                if (batchFailure != null) {
                    throw batchFailure;
                }
                return claimed;
            } finally {
                onBatchEnd.run();
                active.decrementAndGet();
            }
        }

        @Override
        public int purge() {
            return housekeeping(purges, purgeFailure);
        }

        @Override
        public void sweep() {
            housekeeping(sweeps, null);
        }

        @Override
        public int liftRefusals(Instant olderThan) {
            return housekeeping(lifts, liftFailure);
        }

        /** Counts a housekeeping call, which then fails if a failure is given, or finds nothing. */
        private int housekeeping(AtomicInteger calls, RuntimeException failure) {
            enter();
            try {
                calls.incrementAndGet();
                if (failure != null) {
                    throw failure;
                }
                return 0;
            } finally {
                active.decrementAndGet();
            }
        }

        private void enter() {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        }

        private static void await(CountDownLatch latch) {
            try {
                if (!latch.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A clock the test moves on. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
