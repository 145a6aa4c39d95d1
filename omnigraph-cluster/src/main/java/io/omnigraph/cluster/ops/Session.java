package io.omnigraph.cluster.ops;

import io.omnigraph.cluster.config.ConfigHeader;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.Diagnostics;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.lock.LeaseLock;
import io.omnigraph.cluster.lock.LockInfo;
import io.omnigraph.cluster.state.StateStore;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.wrap.PrefixedObjectStore;

import java.util.Optional;

/** One command's open storage root, state store, lock and observations. */
final class Session implements AutoCloseable {
    final ClusterEnvironment env;
    final Diagnostics d;
    final Observations obs = new Observations();
    ObjectStore store;
    String display;
    StateStore states;
    Optional<LeaseLock> lock = Optional.empty();
    /** Graphs whose interrupted engine init the sweep found (under the lock): their create replaces the leftovers. */
    final java.util.Set<String> resumeCreates = new java.util.HashSet<>();

    Session(ClusterEnvironment env, Diagnostics d) {
        this.env = env;
        this.d = d;
    }

    /** Opens the storage root; false (with {@code storage_root_invalid}) when it cannot be opened. */
    boolean open(ConfigHeader h) {
        String loc = h.storageLocation();
        try {
            store = env.storeOpener().apply(loc);
        } catch (StoreException e) {
            d.error(ClusterCode.STORAGE_ROOT_INVALID, "storage", "cannot open the storage root `" + loc + "`: " + e.getMessage());
            return false;
        }
        display = store.location();
        states = new StateStore(store, display);
        obs.statePath = display + "/" + ClusterLayout.STATE_KEY;
        obs.lockPath = display + "/" + ClusterLayout.LOCK_KEY;
        return true;
    }

    /** Takes the lease lock for {@code operation}; false when held by another or failed (diagnostic added). */
    boolean lock(ConfigHeader h, String operation) {
        if (!h.lockEnabled()) {
            d.warn(ClusterCode.STATE_LOCK_DISABLED, "state.lock", "state locking is disabled (state.lock: false);"
                    + " concurrent commands rely on the state CAS alone");
            return true;
        }
        LeaseLock.Acquire a = LeaseLock.acquire(store, obs.lockPath, operation, env.holder(), env.lease(), env.clock(), env.ids().get());
        switch (a) {
            case LeaseLock.Acquire.Acquired ac -> {
                lock = Optional.of(ac.lock());
                obs.acquired = Optional.of(ac.lock().info());
                ac.warning().ifPresent(d::add);
                return true;
            }
            case LeaseLock.Acquire.Held held -> {
                obs.foreign = held.holder();
                d.add(held.diagnostic());
                return false;
            }
            case LeaseLock.Acquire.Failed f -> {
                d.add(f.diagnostic());
                return false;
            }
        }
    }

    /** Reads a foreign lock for reporting (status). */
    void observeLock(boolean warnInvalid) {
        try {
            LeaseLock.readRaw(store).ifPresent(raw -> {
                try {
                    obs.foreign = Optional.of(LockInfo.parse(raw.bytes()));
                } catch (LockInfo.Invalid e) {
                    if (warnInvalid) {
                        d.warn(e.code(), obs.lockPath, "lock.json is unusable: " + e.getMessage());
                    }
                }
            });
        } catch (StoreException e) {
            d.warn(ClusterCode.STATE_LOCK_READ_ERROR, obs.lockPath, "cannot read lock.json: " + e.getMessage());
        }
    }

    boolean lockLost() {
        return lock.map(LeaseLock::lost).orElse(false);
    }

    GraphRoot root(String graphId) {
        return new GraphRoot(graphId, ClusterLayout.graphUri(display, graphId),
                new PrefixedObjectStore(store, ClusterLayout.graphRootKey(graphId)));
    }

    /** Simulated process death: keep the lock (it expires by its lease). */
    void abandon() {
        lock.ifPresent(LeaseLock::abandon);
        lock = Optional.empty();
    }

    @Override
    public void close() {
        lock.ifPresent(LeaseLock::close);
        lock = Optional.empty();
    }
}
