package io.omnigraph.cluster.ops;

import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.graph.GraphPlane;
import io.omnigraph.cluster.json.Ids;
import io.omnigraph.cluster.lock.LeaseLock;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the control plane runs against: the graph engine port, how a storage root location becomes an
 * {@link ObjectStore} (tests wrap it with fault injection), the clock, the lock lease, armed failpoints, the lock
 * holder label ({@code user@host:pid}) and the source of ULIDs for lock, sidecar and approval ids (time-ordered by
 * the clock; simulations inject a seeded one so a run replays exactly).
 */
public record ClusterEnvironment(GraphPlane plane, Function<String, ObjectStore> storeOpener, Clock clock,
                                 Duration lease, Failpoints failpoints, String holder, Supplier<String> ids) {
    public ClusterEnvironment {
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(storeOpener, "storeOpener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(failpoints, "failpoints");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(ids, "ids");
    }

    /** With ULIDs from {@link Ids#ulid(Clock)} on {@code clock}. */
    public ClusterEnvironment(GraphPlane plane, Function<String, ObjectStore> storeOpener, Clock clock,
                              Duration lease, Failpoints failpoints, String holder) {
        this(plane, storeOpener, clock, lease, failpoints, holder, () -> Ids.ulid(clock));
    }

    /** Production defaults: real stores from the location ({@code AWS_*} env for S3), UTC clock, 60 s lease. */
    public static ClusterEnvironment standard(GraphPlane plane) {
        return new ClusterEnvironment(plane, ObjectStores::open, Clock.systemUTC(), LeaseLock.DEFAULT_LEASE,
                Failpoints.none(), defaultHolder());
    }

    public ClusterEnvironment withLease(Duration l) {
        return new ClusterEnvironment(plane, storeOpener, clock, l, failpoints, holder, ids);
    }

    public ClusterEnvironment withStoreOpener(Function<String, ObjectStore> o) {
        return new ClusterEnvironment(plane, o, clock, lease, failpoints, holder, ids);
    }

    public ClusterEnvironment withFailpoints(Failpoints f) {
        return new ClusterEnvironment(plane, storeOpener, clock, lease, f, holder, ids);
    }

    public ClusterEnvironment withHolder(String h) {
        return new ClusterEnvironment(plane, storeOpener, clock, lease, failpoints, h, ids);
    }

    public ClusterEnvironment withIds(Supplier<String> i) {
        return new ClusterEnvironment(plane, storeOpener, clock, lease, failpoints, holder, i);
    }

    public static String defaultHolder() {
        String user = System.getProperty("user.name", "unknown");
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "localhost";
        }
        return user + "@" + host + ":" + ProcessHandle.current().pid();
    }
}
