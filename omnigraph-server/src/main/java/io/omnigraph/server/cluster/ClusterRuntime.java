package io.omnigraph.server.cluster;

import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.engine.format.FormatVersion;
import io.omnigraph.policy.gate.AuthMode;
import io.omnigraph.server.api.PolicyBindingOutput;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One booted revision of a cluster, ready to serve: the ready graphs (each an {@link EngineGraphService} over an
 * opened engine handle with its Cedar gate and stored-query registry), the server-level bundle, the quarantined graphs
 * and the authorization mode. Immutable; built by {@link ClusterBoot}. Closing releases the engine handles (a handle
 * shared with a successor runtime stays open for it).
 */
public final class ClusterRuntime implements ServedCluster, AutoCloseable {
    private final String storageRoot;
    private final ServingSnapshot.Revision revision;
    private final SortedMap<String, EngineGraphService> graphs;
    private final List<GraphService> graphList;
    private final Optional<AccessPolicy> serverPolicy;
    private final List<QuarantinedGraph> quarantined;
    private final boolean anyBundle;
    private final AuthMode authMode;
    private final List<String> posture;
    private final List<PolicyBindingOutput> policyBindings;
    private final Instant bootedAt;
    private volatile boolean closed;

    ClusterRuntime(String storageRoot, ServingSnapshot.Revision revision, SortedMap<String, EngineGraphService> graphs,
                   Optional<AccessPolicy> serverPolicy, List<QuarantinedGraph> quarantined, boolean anyBundle,
                   AuthMode authMode, List<String> posture, List<PolicyBindingOutput> policyBindings, Instant bootedAt) {
        this.storageRoot = Objects.requireNonNull(storageRoot, "storageRoot");
        this.revision = Objects.requireNonNull(revision, "revision");
        this.graphs = Collections.unmodifiableSortedMap(new TreeMap<>(graphs));
        this.graphList = List.copyOf(this.graphs.values());
        this.serverPolicy = Objects.requireNonNull(serverPolicy, "serverPolicy");
        this.quarantined = List.copyOf(quarantined);
        this.anyBundle = anyBundle;
        this.authMode = Objects.requireNonNull(authMode, "authMode");
        this.posture = List.copyOf(posture);
        this.policyBindings = List.copyOf(policyBindings);
        this.bootedAt = Objects.requireNonNull(bootedAt, "bootedAt");
    }

    public String storageRoot() {
        return storageRoot;
    }

    /** The applied ledger revision this runtime serves. */
    public ServingSnapshot.Revision revision() {
        return revision;
    }

    public AuthMode authMode() {
        return authMode;
    }

    /** The authorization posture lines logged at boot ({@code PostureReport}). */
    public List<String> posture() {
        return posture;
    }

    /** The policy slots of this revision: the server slot, then every applied graph (ready or not) by id. */
    public List<PolicyBindingOutput> policyBindings() {
        return policyBindings;
    }

    public Instant bootedAt() {
        return bootedAt;
    }

    /** The ready graph services by id. */
    public SortedMap<String, EngineGraphService> services() {
        return graphs;
    }

    @Override
    public List<GraphService> graphs() {
        return graphList;
    }

    @Override
    public Optional<GraphService> graph(String graphId) {
        return Optional.ofNullable(graphs.get(graphId));
    }

    @Override
    public List<QuarantinedGraph> quarantined() {
        return quarantined;
    }

    @Override
    public Optional<AccessPolicy> serverPolicy() {
        return serverPolicy;
    }

    @Override
    public boolean anyPolicy() {
        return anyBundle;
    }

    @Override
    public int internalSchemaVersion() {
        return FormatVersion.CURRENT;
    }

    /** The engine handle serving {@code graphId}, for reuse by the next runtime. */
    Optional<GraphHandle> handle(String graphId) {
        EngineGraphService s = graphs.get(graphId);
        return s == null || closed ? Optional.empty() : Optional.of(s.handle());
    }

    public boolean isClosed() {
        return closed;
    }

    /** Releases the engine handles. Call only when no request runs on this runtime any more. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        graphs.values().forEach(s -> s.handle().release());
    }

    @Override
    public String toString() {
        return "revision " + revision.stateRevision() + " of " + storageRoot + " (" + graphs.keySet() + " ready, "
                + quarantined.size() + " quarantined)";
    }
}
