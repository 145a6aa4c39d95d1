package io.omnigraph.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs independent store calls concurrently, and lets round-trip meters (the counting wrapper) see them as
 * concurrent.
 *
 * <p>{@link #all} runs each task in its own <em>lane</em> (a virtual thread) and waits for every lane, even when one
 * fails, so no write is still in flight when it returns or throws. A failure is rethrown as is (the failure of the
 * lowest-numbered failed task; the others are attached as suppressed). {@code SimulatedCrash} and other runtime
 * exceptions propagate the same way.
 *
 * <p><b>Round trips.</b> A {@link RoundTripMeter} counts sequential round trips: a call outside any batch counts
 * one; the calls inside one batch ({@code all}, or {@link #batch()} for code with its own executor) count as many as
 * the longest lane made (its critical path). Lanes of a nested batch continue their parent lane. So "upload 40
 * segments in parallel, then CAS the ref" is 2 round trips, however many segments there are. Concurrent calls made on
 * threads that are not in a lane count one each: use {@code all} or {@code batch} for every fan-out.
 *
 * <p><b>Sequential mode (deterministic simulation).</b> Inside {@link #sequentially}, {@code all} runs its lanes one
 * after another on the calling thread in task order, and executors wrapped with {@link #lanes(Executor)} run their
 * tasks inline. Store calls then happen in one reproducible order, so a seeded fault schedule ("crash after the
 * 17th call") means the same thing on every run. Semantics are otherwise unchanged: every lane still runs even when
 * an earlier one failed, and the first failure is rethrown.
 */
public final class Parallel {
    /** Default cap on lanes running at once (bounded by the S3 connection pool anyway). */
    public static final int DEFAULT_MAX_CONCURRENCY = 32;

    private static final ThreadLocal<Lane> LANE = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> SEQUENTIAL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
    }

    /** Runs the tasks concurrently (at most {@value #DEFAULT_MAX_CONCURRENCY} at once); results in task order. */
    public static <T> List<T> all(List<? extends Supplier<? extends T>> tasks) {
        return all(tasks, DEFAULT_MAX_CONCURRENCY);
    }

    /** Runs the tasks concurrently, at most {@code maxConcurrency} at once; results in task order. */
    public static <T> List<T> all(List<? extends Supplier<? extends T>> tasks, int maxConcurrency) {
        Objects.requireNonNull(tasks, "tasks");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1");
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<T> results = new ArrayList<>(tasks.size());
        List<Throwable> failures = new ArrayList<>();
        try (Batch batch = batch()) {
            if (tasks.size() == 1) {
                results.add(batch.lane(tasks.get(0)).get());
                return results;
            }
            if (isSequential()) {
                for (Supplier<? extends T> task : tasks) {
                    Supplier<? extends T> inLane = batch.lane(Objects.requireNonNull(task, "task"));
                    try {
                        results.add(inLane.get());
                    } catch (RuntimeException | Error e) {
                        failures.add(e);
                        results.add(null);
                    }
                }
            } else {
                runConcurrently(batch, tasks, maxConcurrency, results, failures);
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            for (Throwable other : failures.subList(1, failures.size())) {
                if (other != first) {
                    first.addSuppressed(other);
                }
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(first); // Supplier cannot throw checked exceptions; unreachable
        }
        return results;
    }

    private static <T> void runConcurrently(Batch batch, List<? extends Supplier<? extends T>> tasks, int maxConcurrency,
                                            List<T> results, List<Throwable> failures) {
        Semaphore slots = new Semaphore(maxConcurrency);
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        boolean interrupted = false;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Supplier<? extends T> task : tasks) {
                Supplier<? extends T> inLane = batch.lane(Objects.requireNonNull(task, "task"));
                futures.add(executor.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        return inLane.get();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<T> f : futures) {
                while (true) {
                    try {
                        results.add(f.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // keep waiting: no lane may outlive this call
                    } catch (ExecutionException e) {
                        failures.add(e.getCause());
                        results.add(null);
                        break;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code action} on the calling thread in sequential mode (see the class comment): every {@link #all} it
     * makes, directly or nested, runs its lanes in task order on this thread, and every executor wrapped with
     * {@link #lanes(Executor)} runs tasks submitted from this thread inline. For deterministic simulation and tests;
     * never needed in production.
     */
    public static <T> T sequentially(Supplier<T> action) {
        Objects.requireNonNull(action, "action");
        if (isSequential()) {
            return action.get();
        }
        SEQUENTIAL.set(Boolean.TRUE);
        try {
            return action.get();
        } finally {
            SEQUENTIAL.remove();
        }
    }

    /** Whether the calling thread is inside {@link #sequentially}. */
    public static boolean isSequential() {
        return SEQUENTIAL.get();
    }

    /**
     * An executor for lanes of a {@link #batch()}: tasks submitted from a thread in sequential mode run inline (in
     * submission order, on that thread); all others go to {@code delegate}.
     */
    public static Executor lanes(Executor delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return task -> {
            if (isSequential()) {
                task.run();
            } else {
                delegate.execute(task);
            }
        };
    }

    /**
     * Opens a batch for code that runs concurrent store calls on its own executor. Wrap each concurrent task with
     * {@link Batch#lane}, run the wrapped tasks however you like, wait for all of them, then close the batch on the
     * thread that opened it:
     *
     * <pre>{@code
     * try (Parallel.Batch batch = Parallel.batch()) {
     *     List<CompletableFuture<String>> uploads = segments.stream()
     *             .map(s -> CompletableFuture.supplyAsync(batch.lane(() -> store.put(s.key(), s.bytes())), executor))
     *             .toList();
     *     uploads.forEach(CompletableFuture::join);
     * }
     * }</pre>
     *
     * A batch opened inside a lane continues that lane.
     */
    public static Batch batch() {
        return new Batch(LANE.get());
    }

    /** Runs the actions concurrently, like {@link #all}. */
    public static void run(List<? extends Runnable> actions) {
        List<Supplier<Object>> tasks = new ArrayList<>(actions.size());
        for (Runnable r : actions) {
            tasks.add(() -> {
                r.run();
                return null;
            });
        }
        all(tasks);
    }

    /** A set of lanes whose store calls overlap in time; see {@link #batch()}. */
    public static final class Batch implements AutoCloseable {
        private final Lane parent;
        private final Group group;
        private final List<Lane> lanes = new ArrayList<>();

        private Batch(Lane parent) {
            this.parent = parent;
            this.group = parent != null ? parent.group : new Group();
        }

        /** Wraps {@code task} so that its store calls form one lane of this batch, whatever thread runs it. */
        public <T> Supplier<T> lane(Supplier<T> task) {
            Objects.requireNonNull(task, "task");
            Lane lane = newLane();
            return () -> {
                Lane previous = LANE.get();
                LANE.set(lane);
                try {
                    return task.get();
                } finally {
                    if (previous == null) {
                        LANE.remove();
                    } else {
                        LANE.set(previous);
                    }
                }
            };
        }

        /** Wraps {@code task} like {@link #lane(Supplier)}. */
        public Runnable lane(Runnable task) {
            Objects.requireNonNull(task, "task");
            Supplier<Object> inLane = lane(() -> {
                task.run();
                return null;
            });
            return inLane::get;
        }

        private synchronized Lane newLane() {
            Lane lane = new Lane(group, parent == null ? new HashMap<>() : new HashMap<>(parent.depth));
            lanes.add(lane);
            return lane;
        }

        /** Ends the batch; call it after every lane finished, on the thread that opened the batch. */
        @Override
        public synchronized void close() {
            if (parent != null) {
                for (Lane lane : lanes) {
                    lane.depth.forEach((meter, d) -> parent.depth.merge(meter, d, Math::max));
                }
            }
        }
    }

    /** One top-level batch: the deepest lane per meter so far. */
    private static final class Group {
        final ConcurrentHashMap<RoundTripMeter, AtomicInteger> max = new ConcurrentHashMap<>();
    }

    /** One task's sequence of calls; {@code depth} is only touched by the thread running the lane. */
    private static final class Lane {
        final Group group;
        final Map<RoundTripMeter, Integer> depth;

        Lane(Group group, Map<RoundTripMeter, Integer> depth) {
            this.group = group;
            this.depth = depth;
        }
    }

    /**
     * Counts sequential round trips (see the class comment). Thread-safe. Used by
     * {@code io.omnigraph.storage.wrap.CountingObjectStore}; each meter counts independently.
     */
    public static final class RoundTripMeter {
        private final LongAdder total = new LongAdder();

        /** Records one store call made by the current thread. */
        public void onCall() {
            Lane lane = LANE.get();
            if (lane == null) {
                total.increment();
                return;
            }
            int d = lane.depth.merge(this, 1, Integer::sum);
            int previous = lane.group.max.computeIfAbsent(this, k -> new AtomicInteger()).getAndAccumulate(d,
                    Math::max);
            if (d > previous) {
                total.add(d - previous);
            }
        }

        /** Sequential round trips so far. */
        public long count() {
            return total.sum();
        }

        public void reset() {
            total.reset();
        }
    }
}
