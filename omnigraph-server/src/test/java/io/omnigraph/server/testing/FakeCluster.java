package io.omnigraph.server.testing;

import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory {@link ServedCluster} of {@link FakeGraph}s for HTTP tests. */
public final class FakeCluster implements ServedCluster {
    private final List<FakeGraph> graphs = new ArrayList<>();
    private final List<QuarantinedGraph> quarantined = new ArrayList<>();
    private Optional<AccessPolicy> serverPolicy = Optional.empty();

    /** A cluster with one graph {@code knowledge}. */
    public static FakeCluster withKnowledge() {
        return new FakeCluster().add(new FakeGraph("knowledge"));
    }

    public FakeCluster add(FakeGraph graph) {
        graphs.add(graph);
        return this;
    }

    public FakeCluster quarantine(String id, String reason) {
        quarantined.add(new QuarantinedGraph(id, reason));
        return this;
    }

    public FakeCluster serverPolicy(AccessPolicy policy) {
        this.serverPolicy = Optional.of(policy);
        return this;
    }

    public FakeGraph graph0() {
        return graphs.get(0);
    }

    @Override
    public List<GraphService> graphs() {
        return List.copyOf(graphs);
    }

    @Override
    public List<QuarantinedGraph> quarantined() {
        return List.copyOf(quarantined);
    }

    @Override
    public Optional<AccessPolicy> serverPolicy() {
        return serverPolicy;
    }

    @Override
    public int internalSchemaVersion() {
        return 1;
    }
}
