package io.omnigraph.server.cluster;

import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.server.api.QuarantinedGraphOutput;
import io.omnigraph.server.api.ReloadOutcome;
import io.omnigraph.server.api.ReloadOutput;
import io.omnigraph.server.api.ServedRevisionOutput;
import io.omnigraph.server.api.ServingStatusOutput;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.port.AdminControl;
import io.omnigraph.server.port.Failure;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;
import io.omnigraph.server.port.ServiceException;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The served cluster with hot reload: serves one {@link ClusterRuntime} at a time and swaps to a newly applied
 * revision without a restart.
 *
 * <ul>
 *   <li><b>Noticing</b>: a poller compares the version token of {@code __cluster/state.json} (one cheap {@code head})
 *       every {@code pollInterval}; {@code SIGHUP} and {@code POST /admin/reload} reload on demand.</li>
 *   <li><b>Building beside</b>: the new revision boots through the same pipeline ({@link ClusterBoot}) while the old
 *       one keeps serving; engine handles of graphs whose root still holds the same graph are shared (warm caches).</li>
 *   <li><b>Swapping</b>: one {@link AtomicReference} swap. Every request {@link #pin() pins} the runtime it started on
 *       and runs entirely on it; the old runtime is closed once its last pin is released (drain).</li>
 *   <li><b>Failing safe</b>: a revision that does not boot leaves the old one serving; the failure is logged at ERROR
 *       and reported by {@code GET /admin/status} ({@code last_failure}) and by the reload response.</li>
 * </ul>
 * Reloads are serialized. Thread-safe.
 */
public final class ReloadingCluster implements ServedCluster, AdminControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingCluster.class);

    /** Boots a revision; {@code previous} is the runtime serving now. */
    @FunctionalInterface
    public interface Booter {
        ClusterRuntime boot(Optional<ClusterRuntime> previous) throws BootFailure;
    }

    private final ObjectStore root;
    private final Booter booter;
    private final Duration pollInterval;
    private final AtomicReference<Generation> current;
    private final Object reloadLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Optional<String> lastSeenToken;
    private volatile Optional<ReloadOutput> lastReload = Optional.empty();
    private volatile Optional<ReloadOutput> lastFailure = Optional.empty();
    private volatile Instant servedSince;
    private ScheduledExecutorService poller;

    private ReloadingCluster(ObjectStore root, Booter booter, Duration pollInterval, ClusterRuntime first,
                             Optional<String> token) {
        this.root = root;
        this.booter = booter;
        this.pollInterval = pollInterval;
        this.current = new AtomicReference<>(new Generation(first));
        this.lastSeenToken = token;
        this.servedSince = Instant.now();
    }

    /**
     * Boots the first revision (a failure is the process's boot failure) and returns the reloading cluster; call
     * {@link #startPolling()} once serving.
     *
     * @param pollInterval how often the ledger's version token is checked; zero or negative disables polling
     */
    public static ReloadingCluster boot(ObjectStore root, BootSettings settings, Duration pollInterval) throws BootFailure {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(settings, "settings");
        return boot(root, previous -> ClusterBoot.boot(root, settings, previous), pollInterval);
    }

    /** Like {@link #boot(ObjectStore, BootSettings, Duration)} with an explicit booter (tests). */
    public static ReloadingCluster boot(ObjectStore root, Booter booter, Duration pollInterval) throws BootFailure {
        Optional<String> token = ledgerToken(root);
        ClusterRuntime first = booter.boot(Optional.empty());
        return new ReloadingCluster(root, booter, Objects.requireNonNull(pollInterval, "pollInterval"), first, token);
    }

    /** The version token of the ledger object (a {@code head}), empty when it cannot be read. */
    static Optional<String> ledgerToken(ObjectStore root) {
        try {
            return root.head(ClusterLayout.STATE_KEY).map(ObjectInfo::version);
        } catch (StoreException e) {
            LOG.warn("cannot read the ledger's version token at {}: {}", root.location(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts the ledger poller (no-op when polling is disabled or already started). */
    public synchronized void startPolling() {
        if (poller != null || pollInterval.isZero() || pollInterval.isNegative() || closed.get()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omnigraph-ledger-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        LOG.info("watching {} for newly applied revisions every {} ms", root.location() + "/" + ClusterLayout.STATE_KEY, ms);
    }

    /** One poll: reload when the ledger's version token moved. */
    void poll() {
        try {
            Optional<String> token = ledgerToken(root);
            if (token.isEmpty() || token.equals(lastSeenToken)) {
                return;
            }
            LOG.info("the cluster ledger changed; reloading");
            reload("poll");
        } catch (RuntimeException e) {
            LOG.error("ledger poll failed", e);
        }
    }

    /** The runtime serving now. */
    public ClusterRuntime runtime() {
        return current.get().runtime;
    }

    // ------------------------------------------------------------------------------------------ ServedCluster

    @Override
    public Pinned pin() {
        while (true) {
            Generation g = current.get();
            if (g.acquire()) {
                return new Pinned(g.runtime, g::release);
            }
            if (current.get() == g) {
                // retired without a successor: the server is shutting down
                throw new ServiceException(new Failure.Unavailable("the server is shutting down"));
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public List<GraphService> graphs() {
        return runtime().graphs();
    }

    @Override
    public Optional<GraphService> graph(String graphId) {
        return runtime().graph(graphId);
    }

    @Override
    public List<QuarantinedGraph> quarantined() {
        return runtime().quarantined();
    }

    @Override
    public Optional<AccessPolicy> serverPolicy() {
        return runtime().serverPolicy();
    }

    @Override
    public boolean anyPolicy() {
        return runtime().anyPolicy();
    }

    @Override
    public int internalSchemaVersion() {
        return runtime().internalSchemaVersion();
    }

    @Override
    public Optional<AdminControl> admin() {
        return Optional.of(this);
    }

    // ------------------------------------------------------------------------------------------ AdminControl

    @Override
    public ReloadOutput reload(String trigger) {
        synchronized (reloadLock) {
            long t0 = System.nanoTime();
            if (closed.get()) {
                return outcome(ReloadOutcome.FAILED, trigger, Optional.empty(), Optional.of("the server is shutting down"), t0);
            }
            Optional<String> token = ledgerToken(root);
            Generation old = current.get();
            ClusterRuntime next;
            try {
                next = booter.boot(Optional.of(old.runtime));
            } catch (BootFailure e) {
                lastSeenToken = token;
                ReloadOutput out = outcome(ReloadOutcome.FAILED, trigger, e.revision().map(ReloadingCluster::revision),
                        Optional.of(e.getMessage()), t0);
                LOG.error("reload ({}) refused; still serving revision {}:\n{}", trigger,
                        old.runtime.revision().stateRevision(), e.getMessage());
                lastFailure = Optional.of(out);
                lastReload = Optional.of(out);
                return out;
            } catch (RuntimeException e) {
                lastSeenToken = token;
                LOG.error("reload ({}) failed unexpectedly; still serving revision {}", trigger,
                        old.runtime.revision().stateRevision(), e);
                ReloadOutput out = outcome(ReloadOutcome.FAILED, trigger, Optional.empty(),
                        Optional.of("unexpected failure while booting the new revision: " + e), t0);
                lastFailure = Optional.of(out);
                lastReload = Optional.of(out);
                return out;
            }
            if (closed.get()) {
                next.close();
                return outcome(ReloadOutcome.FAILED, trigger, Optional.empty(), Optional.of("the server is shutting down"), t0);
            }
            current.set(new Generation(next));
            servedSince = Instant.now();
            lastSeenToken = token;
            old.retire();
            ReloadOutput out = outcome(ReloadOutcome.RELOADED, trigger, Optional.of(revision(next.revision())),
                    Optional.empty(), t0);
            LOG.info("reloaded ({}): now serving revision {} (was {}); graphs ready {}, quarantined {}", trigger,
                    next.revision().stateRevision(), old.runtime.revision().stateRevision(),
                    next.services().keySet(), next.quarantined().stream().map(QuarantinedGraph::graphId).toList());
            lastReload = Optional.of(out);
            return out;
        }
    }

    private ReloadOutput outcome(ReloadOutcome outcome, String trigger, Optional<ServedRevisionOutput> attempted,
                                 Optional<String> error, long t0) {
        ClusterRuntime rt = runtime();
        return new ReloadOutput(outcome, trigger, revision(rt.revision()), attempted, error,
                List.copyOf(rt.services().keySet()), quarantinedOutput(rt), Instant.now().toString(),
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @Override
    public ServingStatusOutput status() {
        ClusterRuntime rt = runtime();
        return new ServingStatusOutput(rt.storageRoot(), revision(rt.revision()), servedSince.toString(),
                List.copyOf(rt.services().keySet()), quarantinedOutput(rt), Math.max(0, pollInterval.toMillis()),
                rt.authMode().name().toLowerCase(java.util.Locale.ROOT), rt.policyBindings(), lastReload, lastFailure);
    }

    private static List<QuarantinedGraphOutput> quarantinedOutput(ClusterRuntime rt) {
        return rt.quarantined().stream().map(q -> new QuarantinedGraphOutput(q.graphId(), q.code(), q.reason())).toList();
    }

    private static ServedRevisionOutput revision(ServingSnapshot.Revision r) {
        return new ServedRevisionOutput(r.stateRevision(), r.stateCas());
    }

    /** Stops polling and closes the serving runtime once its in-flight requests have finished. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (poller != null) {
                poller.shutdownNow();
            }
        }
        synchronized (reloadLock) {
            current.get().retire();
        }
    }

    /** Number of requests pinned to the serving runtime (tests, status). */
    int pinnedRequests() {
        return current.get().pins.get();
    }

    /** A served runtime with its request pins; closed once retired and drained. */
    private static final class Generation {
        final ClusterRuntime runtime;
        final AtomicInteger pins = new AtomicInteger();
        volatile boolean retired;
        final AtomicBoolean closedOnce = new AtomicBoolean();

        Generation(ClusterRuntime runtime) {
            this.runtime = runtime;
        }

        /** Pins this generation unless it was retired meanwhile (the caller then retries on the current one). */
        boolean acquire() {
            pins.incrementAndGet();
            if (retired) {
                release();
                return false;
            }
            return true;
        }

        void release() {
            if (pins.decrementAndGet() == 0 && retired) {
                closeOnce();
            }
        }

        void retire() {
            retired = true;
            if (pins.get() == 0) {
                closeOnce();
            }
        }

        private void closeOnce() {
            if (closedOnce.compareAndSet(false, true)) {
                LOG.debug("closing drained runtime {}", runtime);
                runtime.close();
            }
        }
    }
}
