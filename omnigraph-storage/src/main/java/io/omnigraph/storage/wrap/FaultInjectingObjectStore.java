package io.omnigraph.storage.wrap;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A store that misbehaves on purpose, by script: deterministic rules decide which calls fail, are delayed, "land and
 * then fail", return truncated listings, or crash the simulated process.
 *
 * <p>Every call gets a 1-based sequence number, overall and per {@link StoreOp}; rules match on a {@link Call}
 * (sequence numbers, kind, key — the listing prefix for {@code list}). Rules are checked in the order they were
 * added; every matching delay applies, and the first matching rule with another effect decides the outcome. A rule
 * can be limited to a number of firings. With one thread issuing calls, everything is deterministic; seeded random
 * rules ({@link #random}) draw from their own {@link SplittableRandom} once per candidate call.
 *
 * <p>Effects ({@link Effect}):
 * <ul>
 *   <li>{@code fail(f)} — throw before the call reaches the inner store (nothing happened).</li>
 *   <li>{@code landThen(f)} — perform the call, then throw: the write landed but the caller hears a failure. With
 *       {@link Fault#PRECONDITION_FAILED} on a conditional write this is the "412 after a client retry" case; with
 *       {@link Fault#TRANSIENT} an "outcome unknown" timeout; with {@link Fault#CRASH} the process died right after
 *       the request was sent.</li>
 *   <li>{@code delay(d)} — sleep before the call.</li>
 *   <li>{@code truncateList(n)} — a listing returns only its first {@code n} entries.</li>
 * </ul>
 * {@link Fault#CRASH} marks the store crashed: that call and every later one throws {@link SimulatedCrash}, until
 * {@link #reset()} (a "restart"). Closing it closes the inner store.
 */
public final class FaultInjectingObjectStore implements ObjectStore {

    /**
     * The failure an effect produces. Besides the plain kinds, three model what the S3 backend reports for real
     * answers: {@code CONFLICT} is an HTTP 409 ({@code PreconditionFailed} on a conditional write, {@code Transient}
     * otherwise, as {@code S3ObjectStore} maps it); {@code UNAVAILABLE} a 503 and {@code TIMEOUT} a timed-out call
     * (both {@code Transient}; on a write "may or may not have landed").
     */
    public enum Fault { PRECONDITION_FAILED, NOT_FOUND, TRANSIENT, CONFIGURATION, PERMANENT, CRASH, CONFLICT, UNAVAILABLE,
        TIMEOUT }

    /** One call as rules see it: overall sequence number, kind, sequence number within the kind, key or prefix. */
    public record Call(long seq, StoreOp op, long seqOfOp, String key) {
    }

    /** What a matching rule does. */
    public sealed interface Effect {
        record Fail(Fault fault) implements Effect {
        }

        record LandThen(Fault fault) implements Effect {
        }

        record Delay(Duration duration) implements Effect {
        }

        record TruncateList(int keep) implements Effect {
        }

        static Effect fail(Fault fault) {
            return new Fail(Objects.requireNonNull(fault));
        }

        static Effect landThen(Fault fault) {
            return new LandThen(Objects.requireNonNull(fault));
        }

        static Effect delay(Duration duration) {
            return new Delay(Objects.requireNonNull(duration));
        }

        static Effect truncateList(int keep) {
            return new TruncateList(keep);
        }
    }

    private static final class Rule {
        final Predicate<Call> when;
        final Effect effect;
        final SplittableRandom random;
        final double probability;
        long remaining; // < 0: unlimited

        Rule(Predicate<Call> when, Effect effect, long times, SplittableRandom random, double probability) {
            this.when = when;
            this.effect = effect;
            this.remaining = times;
            this.random = random;
            this.probability = probability;
        }

        boolean fires(Call c) {
            if (remaining == 0 || !when.test(c)) {
                return false;
            }
            return random == null || random.nextDouble() < probability;
        }
    }

    private final ObjectStore inner;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<StoreOp, Long> perOp = new EnumMap<>(StoreOp.class);
    private long seq;
    private long crashAfter = -1;
    private volatile String crashedAt;

    public FaultInjectingObjectStore(ObjectStore inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The wrapped store. */
    public ObjectStore inner() {
        return inner;
    }

    // ------------------------------------------------------------------------------------------------ predicates

    /** Matches the {@code n}-th call overall (1-based). */
    public static Predicate<Call> nthCall(long n) {
        return c -> c.seq() == n;
    }

    /** Matches the {@code n}-th call of kind {@code op} (1-based). */
    public static Predicate<Call> nthCall(StoreOp op, long n) {
        return c -> c.op() == op && c.seqOfOp() == n;
    }

    /** Matches calls of the given kinds. */
    public static Predicate<Call> ops(StoreOp first, StoreOp... rest) {
        Set<StoreOp> set = EnumSet.of(first, rest);
        return c -> set.contains(c.op());
    }

    /** Matches calls whose key (listing prefix for {@code list}) satisfies {@code key}. */
    public static Predicate<Call> keys(Predicate<String> key) {
        return c -> key.test(c.key());
    }

    /** Matches every call. */
    public static Predicate<Call> anyCall() {
        return c -> true;
    }

    // ------------------------------------------------------------------------------------------------ scripting

    /** Adds a rule that fires at most {@code times} times ({@code times < 0}: always). */
    public synchronized FaultInjectingObjectStore rule(Predicate<Call> when, Effect effect, long times) {
        rules.add(new Rule(Objects.requireNonNull(when), Objects.requireNonNull(effect), times, null, 1));
        return this;
    }

    /** Adds a rule that fires on every matching call. */
    public FaultInjectingObjectStore rule(Predicate<Call> when, Effect effect) {
        return rule(when, effect, -1);
    }

    /**
     * Adds a seeded random rule: each call matching {@code when} draws once and fires with {@code probability}.
     * Same seed and same call sequence, same firings.
     */
    public synchronized FaultInjectingObjectStore random(long seed, double probability, Predicate<Call> when,
                                                         Effect effect) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be in [0, 1]");
        }
        rules.add(new Rule(Objects.requireNonNull(when), Objects.requireNonNull(effect), -1,
                new SplittableRandom(seed), probability));
        return this;
    }

    /** The {@code n}-th call overall fails with {@code fault} before reaching the inner store. */
    public FaultInjectingObjectStore failCall(long n, Fault fault) {
        return rule(nthCall(n), Effect.fail(fault), 1);
    }

    /** The {@code n}-th call of kind {@code op} fails with {@code fault} before reaching the inner store. */
    public FaultInjectingObjectStore failCall(StoreOp op, long n, Fault fault) {
        return rule(nthCall(op, n), Effect.fail(fault), 1);
    }

    /** Every call whose key matches fails with {@code fault}. */
    public FaultInjectingObjectStore failKeys(Predicate<String> key, Fault fault) {
        return rule(keys(key), Effect.fail(fault));
    }

    /** The {@code n}-th call of kind {@code op} is performed, then reports {@code fault}. */
    public FaultInjectingObjectStore landThenFail(StoreOp op, long n, Fault fault) {
        return rule(nthCall(op, n), Effect.landThen(fault), 1);
    }

    /** The {@code n}-th conditional write of kind {@code op} lands, then reports PreconditionFailed (a lost 412). */
    public FaultInjectingObjectStore landThenPreconditionFailed(StoreOp op, long n) {
        if (!op.isConditional()) {
            throw new IllegalArgumentException(op + " is not a conditional write");
        }
        return landThenFail(op, n, Fault.PRECONDITION_FAILED);
    }

    /** Every call sleeps {@code d} first. */
    public FaultInjectingObjectStore delay(Duration d) {
        return rule(anyCall(), Effect.delay(d));
    }

    /** Every listing returns at most {@code keep} entries. */
    public FaultInjectingObjectStore truncateLists(int keep) {
        return rule(ops(StoreOp.LIST), Effect.truncateList(keep));
    }

    /** Calls {@code 1..n} proceed; call {@code n+1} and every later call throw {@link SimulatedCrash}. */
    public synchronized FaultInjectingObjectStore crashAfter(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        crashAfter = n;
        return this;
    }

    /** Drops every rule, the crash state and the call counters ("restart the process"). */
    public synchronized void reset() {
        rules.clear();
        perOp.clear();
        seq = 0;
        crashAfter = -1;
        crashedAt = null;
    }

    /** Whether the simulated process has crashed. */
    public boolean crashed() {
        return crashedAt != null;
    }

    /** Calls seen so far (including failed and crashed ones). */
    public synchronized long calls() {
        return seq;
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private record Decision(Call call, Duration delay, Effect effect) {
    }

    private synchronized Decision decide(StoreOp op, String key) {
        seq++;
        long n = perOp.merge(op, 1L, Long::sum);
        Call call = new Call(seq, op, n, key == null ? "" : key);
        if (crashedAt != null) {
            throw new SimulatedCrash("simulated crash: the process died at " + crashedAt + "; call #" + seq + " ("
                    + describe(call) + ") was not made");
        }
        if (crashAfter >= 0 && seq > crashAfter) {
            crashedAt = "call #" + seq + " (" + describe(call) + ")";
            throw new SimulatedCrash("simulated crash before " + crashedAt);
        }
        Duration delay = Duration.ZERO;
        Effect chosen = null;
        for (Rule r : rules) {
            boolean delayRule = r.effect instanceof Effect.Delay;
            if (!delayRule && chosen != null) {
                continue;
            }
            if (r.fires(call)) {
                if (r.remaining > 0) {
                    r.remaining--;
                }
                if (r.effect instanceof Effect.Delay(Duration d)) {
                    delay = delay.plus(d);
                } else {
                    chosen = r.effect;
                }
            }
        }
        return new Decision(call, delay, chosen);
    }

    private <T> T call(StoreOp op, String key, Supplier<T> action) {
        return call(op, key, action, (result, keep) -> result);
    }

    private interface Truncation<T> {
        T apply(T result, int keep);
    }

    private <T> T call(StoreOp op, String key, Supplier<T> action, Truncation<T> truncation) {
        Decision d = decide(op, key);
        if (!d.delay.isZero()) {
            try {
                Thread.sleep(d.delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException.Transient(key, "interrupted during an injected delay", e);
            }
        }
        Effect effect = d.effect;
        if (effect == null) {
            return action.get();
        }
        return switch (effect) {
            case Effect.Fail(Fault f) -> throw fault(f, d.call, false);
            case Effect.LandThen(Fault f) -> {
                action.get();
                throw fault(f, d.call, true);
            }
            case Effect.Delay ignored -> action.get();
            case Effect.TruncateList(int keep) -> truncation.apply(action.get(), keep);
        };
    }

    private RuntimeException fault(Fault f, Call c, boolean landed) {
        String what = "injected fault at call #" + c.seq() + " (" + describe(c) + ")"
                + (landed ? " after the call landed" : "");
        String key = c.key();
        return switch (f) {
            case PRECONDITION_FAILED -> new StoreException.PreconditionFailed(key, what + ": precondition failed");
            case NOT_FOUND -> new StoreException.NotFound(key, what + ": not found");
            case TRANSIENT -> new StoreException.Transient(key, what + ": transient failure", null);
            case CONFLICT -> c.op().isConditional()
                    ? new StoreException.PreconditionFailed(key, what + ": 409 Conflict (a concurrent conditional write is in progress)")
                    : new StoreException.Transient(key, what + ": 409 Conflict (conflicting concurrent operation; retry)", null);
            case UNAVAILABLE -> new StoreException.Transient(key, what + ": 503 Service Unavailable"
                    + (c.op().isWrite() ? "; the write may or may not have landed" : ""), null);
            case TIMEOUT -> new StoreException.Transient(key, what + ": timed out"
                    + (c.op().isWrite() ? "; the write may or may not have landed" : ""), null);
            case CONFIGURATION -> new StoreException.Configuration(key, what + ": configuration failure", null);
            case PERMANENT -> new StoreException.Permanent(key, what + ": permanent failure", null);
            case CRASH -> {
                synchronized (this) {
                    crashedAt = "call #" + c.seq() + " (" + describe(c) + ")" + (landed ? ", after it landed" : "");
                }
                yield new SimulatedCrash("simulated crash at " + crashedAt);
            }
        };
    }

    private static String describe(Call c) {
        return c.op().name().toLowerCase(java.util.Locale.ROOT) + " " + c.key();
    }

    // ------------------------------------------------------------------------------------------------ ObjectStore

    @Override
    public Optional<StoredObject> get(String key) {
        return call(StoreOp.GET, key, () -> inner.get(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return call(StoreOp.HEAD, key, () -> inner.head(key));
    }

    /** Subject to the rules as a HEAD. */
    @Override
    public boolean exists(String key) {
        return call(StoreOp.HEAD, key, () -> inner.exists(key));
    }

    @Override
    public String put(String key, byte[] bytes) {
        return call(StoreOp.PUT, key, () -> inner.put(key, bytes));
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        return call(StoreOp.PUT_IF_ABSENT, key, () -> inner.putIfAbsent(key, bytes));
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        return call(StoreOp.PUT_IF_MATCH, key, () -> inner.putIfMatch(key, bytes, expectedVersion));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return call(StoreOp.LIST, prefix, () -> inner.list(prefix),
                (all, keep) -> all.subList(0, Math.max(0, Math.min(keep, all.size()))));
    }

    @Override
    public void delete(String key) {
        call(StoreOp.DELETE, key, () -> {
            inner.delete(key);
            return null;
        });
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public boolean isLocal() {
        return inner.isLocal();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return "FaultInjecting[" + inner + "]";
    }
}
