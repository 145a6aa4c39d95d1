package io.omnigraph.reliability.sim;

import io.omnigraph.storage.wrap.FaultInjectingObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Call;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Effect;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Fault;
import io.omnigraph.storage.wrap.StoreOp;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The seeded fault schedule of one simulated process: rules installed on its {@link FaultInjectingObjectStore}, each
 * drawing from the process's own random stream, counting what fired. Rates come from the universe's fault profile;
 * {@link #armCrash} adds "the process dies before its k-th next store call" (a crash between any two store calls).
 */
final class FaultPlan {
    /** Per-call probabilities of each fault kind (0 = off). */
    record Profile(double failBefore, double landedThen412, double landedThenTimeout, double truncatedList,
                   double crashPerOp) {
        static final Profile NONE = new Profile(0, 0, 0, 0, 0);

        boolean any() {
            return failBefore > 0 || landedThen412 > 0 || landedThenTimeout > 0 || truncatedList > 0 || crashPerOp > 0;
        }

        static Profile random(SplittableRandom r) {
            return switch (r.nextInt(5)) {
                case 0 -> NONE;
                case 1 -> new Profile(0, 0, 0, 0, 0.35);               // crashes only
                case 2 -> new Profile(0.02, 0.05, 0.02, 0.02, 0.10);   // light
                case 3 -> new Profile(0.05, 0.10, 0.05, 0.05, 0.15);   // heavy
                default -> new Profile(0.01, 0.20, 0.01, 0.00, 0.10);  // lost acknowledgements
            };
        }
    }

    private static final Fault[] BEFORE = {Fault.PRECONDITION_FAILED, Fault.CONFLICT, Fault.UNAVAILABLE, Fault.TIMEOUT,
            Fault.TRANSIENT};

    private final FaultInjectingObjectStore store;
    private final SplittableRandom random;
    private final Map<String, AtomicLong> fired;
    private volatile boolean enabled = true;
    private volatile long crashAt = -1;

    FaultPlan(FaultInjectingObjectStore store, Profile profile, long seed, Map<String, AtomicLong> fired) {
        this.store = store;
        this.random = new SplittableRandom(seed);
        this.fired = fired;
        store.rule(c -> crashAt > 0 && c.seq() == crashAt && count("crash_before_call"), Effect.fail(Fault.CRASH));
        if (profile.landedThen412() > 0) {
            store.rule(when(c -> c.op().isConditional() && c.key().startsWith("refs/"), profile.landedThen412(), "landed_then_412"),
                    Effect.landThen(Fault.PRECONDITION_FAILED));
        }
        if (profile.landedThenTimeout() > 0) {
            store.rule(when(c -> c.op().isWrite(), profile.landedThenTimeout(), "landed_then_timeout"),
                    Effect.landThen(Fault.TIMEOUT));
        }
        if (profile.failBefore() > 0) {
            for (Fault f : BEFORE) {
                store.rule(when(c -> f != Fault.PRECONDITION_FAILED || c.op().isConditional(),
                        profile.failBefore() / BEFORE.length, "fail_" + label(f)), Effect.fail(f));
            }
        }
        if (profile.truncatedList() > 0) {
            store.rule(when(c -> c.op() == StoreOp.LIST, profile.truncatedList(), "truncated_list"), Effect.truncateList(1));
        }
    }

    private static String label(Fault f) {
        return switch (f) {
            case PRECONDITION_FAILED -> "412";
            case CONFLICT -> "409";
            case UNAVAILABLE -> "503";
            case TIMEOUT -> "timeout";
            default -> f.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private Predicate<Call> when(Predicate<Call> match, double p, String kind) {
        return c -> enabled && match.test(c) && random.nextDouble() < p && count(kind);
    }

    private boolean count(String kind) {
        fired.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return true;
    }

    /** The process dies right before its {@code k}-th next store call (k >= 1). */
    void armCrash(long k) {
        crashAt = store.calls() + k;
    }

    void disarmCrash() {
        crashAt = -1;
    }

    /** Turns the random faults off (a recovery run that must converge) or back on. */
    void enabled(boolean on) {
        enabled = on;
    }

    static Map<String, AtomicLong> newCounters() {
        return new java.util.concurrent.ConcurrentSkipListMap<>();
    }

    static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
