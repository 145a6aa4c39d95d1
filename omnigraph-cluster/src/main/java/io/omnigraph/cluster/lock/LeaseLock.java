package io.omnigraph.cluster.lock;

import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.cluster.json.Ids;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cluster state lock as a <b>lease</b> ({@code __cluster/lock.json}). Acquisition is a create-if-absent; an
 * existing lock whose {@code expires_at} has passed is taken over with a compare-and-swap on its version, so of two
 * contenders exactly one wins. While held, a daemon thread renews the lease (CAS again) every third of the lease;
 * if renewal finds a different lock id the lease is {@link #lost()} and the holder must not publish. Release deletes
 * the file only if it still holds our lock id. A crashed holder's lease expires on its own after the lease time.
 */
public final class LeaseLock implements AutoCloseable {
    /** Default lease: 60 s (override with {@code --lock-lease} or {@code OMNIGRAPH_CLUSTER_LOCK_LEASE_SECONDS}). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    private final ObjectStore store;
    private final Clock clock;
    private final Duration lease;
    private volatile LockInfo info;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final ScheduledExecutorService renewer;
    private volatile boolean closed;

    private LeaseLock(ObjectStore store, Clock clock, Duration lease, LockInfo info) {
        this.store = store;
        this.clock = clock;
        this.lease = lease;
        this.info = info;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-lock-renewer");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, lease.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** The outcome of an acquisition attempt. */
    public sealed interface Acquire {
        record Acquired(LeaseLock lock, Optional<ClusterDiagnostic> warning) implements Acquire {
        }

        /** Somebody else holds it (info is best effort: empty when the file could not be parsed). */
        record Held(Optional<LockInfo> holder, ClusterDiagnostic diagnostic) implements Acquire {
        }

        record Failed(ClusterDiagnostic diagnostic) implements Acquire {
        }
    }

    public static Acquire acquire(ObjectStore store, String lockPath, String operation, String holder, Duration lease,
                                  Clock clock) {
        return acquire(store, lockPath, operation, holder, lease, clock, Ids.ulid(clock));
    }

    /** Like {@link #acquire(ObjectStore, String, String, String, Duration, Clock)} with a given lock id (a ULID). */
    public static Acquire acquire(ObjectStore store, String lockPath, String operation, String holder, Duration lease,
                                  Clock clock, String lockId) {
        Instant now = clock.instant();
        long secs = Math.max(1, (lease.toMillis() + 999) / 1000);
        LockInfo mine = new LockInfo(lockId, operation, Ids.rfc3339(now), ProcessHandle.current().pid(),
                Optional.of(holder), Optional.of(secs), Optional.of(Ids.rfc3339(now.plus(lease))), Optional.of(Ids.rfc3339(now)));
        try {
            store.putIfAbsent(ClusterLayout.LOCK_KEY, mine.toBytes());
            return new Acquire.Acquired(new LeaseLock(store, clock, lease, mine), Optional.empty());
        } catch (StoreException.PreconditionFailed e) {
            // fall through: someone holds it (or our own create landed and its answer was lost)
        } catch (StoreException e) {
            return new Acquire.Failed(ClusterDiagnostic.error(ClusterCode.STATE_LOCK_ERROR, lockPath,
                    "cannot create the state lock: " + e.getMessage()));
        }
        Optional<StoredObject> current;
        try {
            current = store.get(ClusterLayout.LOCK_KEY);
        } catch (StoreException e) {
            return new Acquire.Failed(ClusterDiagnostic.error(ClusterCode.STATE_LOCK_READ_ERROR, lockPath,
                    "cannot read the state lock: " + e.getMessage()));
        }
        if (current.isEmpty()) {
            // released between our create and our read: one more create attempt
            try {
                store.putIfAbsent(ClusterLayout.LOCK_KEY, mine.toBytes());
                return new Acquire.Acquired(new LeaseLock(store, clock, lease, mine), Optional.empty());
            } catch (StoreException ex) {
                return new Acquire.Failed(ClusterDiagnostic.error(ClusterCode.STATE_LOCK_ERROR, lockPath,
                        "the state lock is contended; re-run"));
            }
        }
        if (Arrays.equals(current.get().bytes(), mine.toBytes())) {
            return new Acquire.Acquired(new LeaseLock(store, clock, lease, mine), Optional.empty());
        }
        LockInfo held;
        try {
            held = LockInfo.parse(current.get().bytes());
        } catch (LockInfo.Invalid inv) {
            return new Acquire.Held(Optional.empty(), ClusterDiagnostic.error(ClusterCode.STATE_LOCK_HELD, lockPath,
                    "cluster state lock exists but is unreadable (" + inv.getMessage() + "); inspect " + lockPath
                            + " and remove it only after confirming no cluster operation is active"));
        }
        if (held.expired(now)) {
            try {
                store.putIfMatch(ClusterLayout.LOCK_KEY, mine.toBytes(), current.get().version());
                return new Acquire.Acquired(new LeaseLock(store, clock, lease, mine), Optional.of(ClusterDiagnostic.warning(
                        ClusterCode.STATE_LOCK_EXPIRED_TAKEN_OVER, lockPath, "took over expired lock " + held.lockId()
                                + " (operation " + held.operation() + ", holder " + held.holder().orElse("unknown")
                                + ", expired at " + held.expiresAt().orElse("?") + ")")));
            } catch (StoreException ex) {
                // another contender took it over first
                return new Acquire.Held(Optional.of(held), heldDiagnostic(lockPath, held));
            }
        }
        return new Acquire.Held(Optional.of(held), heldDiagnostic(lockPath, held));
    }

    private static ClusterDiagnostic heldDiagnostic(String lockPath, LockInfo held) {
        String lease = held.expiresAt().map(e -> "; its lease expires at " + e + ", after which it can be taken over"
                + " automatically").orElse("");
        return ClusterDiagnostic.error(ClusterCode.STATE_LOCK_HELD, lockPath, "cluster state lock already exists (lock id "
                + held.lockId() + ", operation " + held.operation() + held.holder().map(h -> ", holder " + h).orElse("")
                + lease + "); run `omnigraph cluster force-unlock " + held.lockId() + "` only after confirming no cluster"
                + " operation is active");
    }

    public LockInfo info() {
        return info;
    }

    /** True once a renewal found the lock gone or owned by someone else; the holder must not publish. */
    public boolean lost() {
        return lost.get();
    }

    private synchronized void renew() {
        if (closed || lost.get()) {
            return;
        }
        try {
            Optional<StoredObject> cur = store.get(ClusterLayout.LOCK_KEY);
            if (cur.isEmpty()) {
                lost.set(true);
                return;
            }
            LockInfo now = LockInfo.parse(cur.get().bytes());
            if (!now.lockId().equals(info.lockId())) {
                lost.set(true);
                return;
            }
            LockInfo next = info.renewed(clock.instant(), info.leaseSeconds().orElse(lease.toSeconds()));
            store.putIfMatch(ClusterLayout.LOCK_KEY, next.toBytes(), cur.get().version());
            info = next;
        } catch (StoreException.PreconditionFailed e) {
            // changed under us; the next tick re-checks the id
        } catch (StoreException | LockInfo.Invalid e) {
            if (info.expired(clock.instant())) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            // a simulated crash of the store: stop renewing, like a dead process would
            lost.set(true);
        }
    }

    /** Stops renewing and deletes the lock file if it still holds our id. Never throws for store failures. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewer.shutdownNow();
        try {
            Optional<StoredObject> cur = store.get(ClusterLayout.LOCK_KEY);
            if (cur.isPresent() && LockInfo.parse(cur.get().bytes()).lockId().equals(info.lockId())) {
                store.delete(ClusterLayout.LOCK_KEY);
            }
        } catch (StoreException | LockInfo.Invalid e) {
            // best effort: an unreleased lease expires by itself
        }
    }

    /** Stops renewing without releasing (the holder "died"): the lease then expires on its own. */
    public synchronized void abandon() {
        closed = true;
        renewer.shutdownNow();
    }

    /** Reads the lock file as {@code status} does: empty when absent. */
    public static Optional<StoredObject> readRaw(ObjectStore store) {
        return store.get(ClusterLayout.LOCK_KEY);
    }
}
