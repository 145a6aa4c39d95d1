package io.omnigraph.server.admission;

import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.error.ErrorCode;
import io.omnigraph.server.error.ErrorOutput;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-actor admission of writes (cluster-server spec §4.8): at most {@code maxInFlight} concurrent admitted writes
 * and at most {@code maxBytes} estimated in-flight bytes per actor. A request that would exceed either is rejected
 * with 429 {@code too_many_requests} and {@code Retry-After: 60}. Reads are never admitted through here.
 *
 * <p>Thread-safe: each actor's usage is updated atomically ({@link ConcurrentHashMap#compute}), and an actor's entry
 * is removed when its last permit is released, so idle actors cost nothing.
 */
public final class AdmissionControl {
    /** Actor key used when no actor is authenticated (Open mode). */
    public static final String ANONYMOUS = "anonymous";
    /** Fixed estimate for branch operations. */
    public static final long BRANCH_OPERATION_BYTES = 256;
    /** Value of the {@code Retry-After} header on rejection, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "60";

    private final int maxInFlight;
    private final long maxBytes;
    private final ConcurrentHashMap<String, Usage> usage = new ConcurrentHashMap<>();

    private record Usage(int inFlight, long bytes) {
    }

    public AdmissionControl(int maxInFlight, long maxBytes) {
        if (maxInFlight < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("admission limits must be positive");
        }
        this.maxInFlight = maxInFlight;
        this.maxBytes = maxBytes;
    }

    /**
     * Admits one write of {@code estimatedBytes} for {@code actor} or throws the 429.
     *
     * @return a permit that must be closed exactly once when the write finishes (try-with-resources)
     * @throws ApiException 429 when the actor is at its in-flight count or byte budget
     */
    public Permit admit(String actor, long estimatedBytes) {
        Objects.requireNonNull(actor, "actor");
        long bytes = Math.max(0, estimatedBytes);
        boolean[] admitted = {false};
        String[] reason = {null};
        usage.compute(actor, (key, current) -> {
            Usage now = current == null ? new Usage(0, 0) : current;
            if (now.inFlight() + 1 > maxInFlight) {
                reason[0] = "actor '" + key + "' already has " + now.inFlight() + " writes in flight (limit "
                        + maxInFlight + ", OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX)";
                return current;
            }
            if (now.bytes() + bytes > maxBytes || now.bytes() + bytes < 0) {
                reason[0] = "actor '" + key + "' would have " + (now.bytes() + bytes) + " estimated bytes in flight"
                        + " (limit " + maxBytes + ", OMNIGRAPH_PER_ACTOR_BYTES_MAX)";
                return current;
            }
            admitted[0] = true;
            return new Usage(now.inFlight() + 1, now.bytes() + bytes);
        });
        if (!admitted[0]) {
            throw new ApiException(429, ErrorOutput.of(ErrorCode.TOO_MANY_REQUESTS,
                    "too many requests: " + reason[0] + "; retry later"), Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        return new Permit(this, actor, bytes);
    }

    /** Current in-flight writes of {@code actor} (0 when idle). */
    public int inFlight(String actor) {
        Usage u = usage.get(actor);
        return u == null ? 0 : u.inFlight();
    }

    /** Current estimated in-flight bytes of {@code actor} (0 when idle). */
    public long bytesInFlight(String actor) {
        Usage u = usage.get(actor);
        return u == null ? 0 : u.bytes();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public long maxBytes() {
        return maxBytes;
    }

    void release(String actor, long bytes) {
        usage.compute(actor, (key, current) -> {
            if (current == null) {
                throw new IllegalStateException("admission permit released twice for actor '" + key + "'");
            }
            int left = current.inFlight() - 1;
            return left == 0 ? null : new Usage(left, current.bytes() - bytes);
        });
    }

    /** An admitted write; closing it releases the actor's count and bytes. Idempotent. */
    public static final class Permit implements AutoCloseable {
        private final AdmissionControl owner;
        private final String actor;
        private final long bytes;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        Permit(AdmissionControl owner, String actor, long bytes) {
            this.owner = owner;
            this.actor = actor;
            this.bytes = bytes;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                owner.release(actor, bytes);
            }
        }
    }
}
