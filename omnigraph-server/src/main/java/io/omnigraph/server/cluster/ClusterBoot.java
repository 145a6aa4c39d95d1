package io.omnigraph.server.cluster;

import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.policy.PolicyEvaluationException;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.cedar.PolicyEngine;
import io.omnigraph.policy.gate.AuthMode;
import io.omnigraph.policy.gate.PolicyGate;
import io.omnigraph.policy.gate.PostureReport;
import io.omnigraph.server.api.PolicyBindingOutput;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.authz.RuntimeState;
import io.omnigraph.server.authz.RuntimeStateRefusal;
import io.omnigraph.server.port.ServedCluster.QuarantinedGraph;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.wrap.PrefixedObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The boot pipeline of a cluster-backed server (cluster-server spec §4.2), also used for every hot reload:
 *
 * <ol>
 *   <li>read the serving snapshot — ledger and digest-verified catalog, no lock, no sweep, no writes; fatal
 *       diagnostics refuse ({@code the cluster at '<arg>' is not ready to serve:} + {@code [code] path: message});</li>
 *   <li>classify the runtime state from (tokens, any bundle, {@code --unauthenticated}) — refusals are fatal;</li>
 *   <li>compile the server bundle ({@code cluster} slot; failure fatal);</li>
 *   <li>per graph, at most {@link BootSettings#openConcurrency()} in parallel: server graph-id rule, external-blob
 *       projection, embedding {@code ${NAME}} resolution, engine open (reusing the previous runtime's handle when
 *       the root still holds the same graph), stored-query registry type-checked against the live catalog, the
 *       graph bundle compiled and installed as the engine-layer gate. Any failure quarantines that graph only;</li>
 *   <li>strict mode ({@code --require-all-graphs}) turns any quarantine into a refusal; no ready graph refuses with
 *       {@code cluster_no_healthy_graphs}; the authorization posture is logged.</li>
 * </ol>
 */
public final class ClusterBoot {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBoot.class);
    /** The server's graph-id rule (stricter than cluster.yaml's). */
    static final Pattern SERVER_GRAPH_ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");
    static final Set<String> RESERVED_GRAPH_IDS = Set.of("policies", "healthz", "openapi", "graphs");

    private ClusterBoot() {
    }

    /**
     * Boots the revision currently applied at {@code root}.
     *
     * @param previous the runtime serving now (hot reload): its engine handles are reused for unchanged graphs
     * @throws BootFailure when the revision must not be served
     */
    public static ClusterRuntime boot(ObjectStore root, BootSettings settings, Optional<ClusterRuntime> previous)
            throws BootFailure {
        String arg = settings.clusterArg();
        ServingSnapshot snap;
        try {
            snap = ServingSnapshot.read(root);
        } catch (StoreException e) {
            throw refusal(arg, List.of(new Line(ClusterCode.STATE_READ_ERROR.code(), root.location(),
                    "cannot read the cluster's storage root: " + e.getMessage())), Optional.empty());
        }
        snap.warnings().forEach(w -> LOG.warn("{}", w.render()));
        if (!snap.servable()) {
            throw new BootFailure(snap.refusal(arg), snap.fatal().stream().map(d -> d.code().code()).toList(),
                    snap.revision());
        }
        ServingSnapshot.Revision revision = snap.revision().orElseThrow();

        boolean anyBundle = snap.serverPolicy().isPresent() || snap.graphs().stream().anyMatch(g -> g.policy().isPresent());
        AuthMode mode;
        try {
            mode = switch (RuntimeState.classify(settings.hasTokens(), anyBundle, settings.unauthenticated())) {
                case OPEN -> AuthMode.OPEN;
                case DEFAULT_DENY -> AuthMode.DEFAULT_DENY;
                case POLICY_ENABLED -> AuthMode.POLICY_ENABLED;
            };
        } catch (RuntimeStateRefusal e) {
            throw new BootFailure(e.getMessage(), List.of("server_auth_refused"), snap.revision());
        }

        Optional<PolicyEngine> serverEngine = Optional.empty();
        if (snap.serverPolicy().isPresent()) {
            ServingSnapshot.PolicyPayload p = snap.serverPolicy().get();
            try {
                serverEngine = Optional.of(PolicyEngine.forServer(bundle(p)));
            } catch (PolicyValidationException | PolicyEvaluationException e) {
                throw refusal(arg, List.of(new Line(ClusterCode.POLICY_INVALID.code(), "policy." + p.name(),
                        "the server-level bundle `" + p.name() + "` cannot be loaded: " + e.getMessage()
                                + "; fix it, run `omnigraph cluster apply`, and restart")), snap.revision());
            }
        }

        List<QuarantinedGraph> quarantined = new ArrayList<>();
        snap.quarantined().values().forEach(q -> quarantined.add(new QuarantinedGraph(q.graphId(), q.code().code(),
                q.reason())));

        Map<String, Opened> opened = openAll(root, snap.graphs(), settings, mode, previous);
        SortedMap<String, EngineGraphService> ready = new TreeMap<>();
        Map<String, PolicyGate> gates = new LinkedHashMap<>();
        for (Map.Entry<String, Opened> e : opened.entrySet()) {
            switch (e.getValue()) {
                case Opened.Ready r -> {
                    ready.put(e.getKey(), r.service());
                    gates.put(e.getKey(), r.service().gate());
                }
                case Opened.Quarantined q -> quarantined.add(q.graph());
            }
        }
        quarantined.sort(java.util.Comparator.comparing(QuarantinedGraph::graphId));
        quarantined.forEach(q -> LOG.warn("graph '{}' is quarantined and not served: [{}] {}", q.graphId(), q.code(),
                q.reason()));

        List<Line> fatal = new ArrayList<>();
        if (settings.requireAllGraphs() && !quarantined.isEmpty()) {
            quarantined.forEach(q -> fatal.add(new Line(q.code(), "graph." + q.graphId(), q.reason())));
            fatal.add(new Line("cluster_not_all_graphs_ready", root.location(), "strict cluster boot requires every"
                    + " applied graph to be ready (--require-all-graphs / OMNIGRAPH_REQUIRE_ALL_GRAPHS); fix the graphs"
                    + " above, or serve without strict mode to quarantine them"));
        } else if (ready.isEmpty()) {
            fatal.add(new Line(ClusterCode.CLUSTER_NO_HEALTHY_GRAPHS.code(), root.location(), "every applied graph"
                    + " is quarantined (" + quarantined.stream().map(QuarantinedGraph::graphId).toList() + "); sweep/fix"
                    + " the graph-specific failures (run `cluster apply`), then restart"));
        }
        if (!fatal.isEmpty()) {
            ready.values().forEach(s -> s.handle().release());
            throw refusal(arg, fatal, snap.revision());
        }

        Optional<AccessPolicy> serverPolicy = serverEngine.map(CedarAccessPolicy::new);
        PostureReport posture = PostureReport.of(mode, PolicyGate.forServer(serverEngine, mode), gates);
        posture.lines().forEach(l -> LOG.info("{}", l));
        posture.warnings().forEach(l -> LOG.warn("read-only for everyone (no bundle bound): {}", l));
        ClusterRuntime runtime = new ClusterRuntime(root.location(), revision, ready, serverPolicy, quarantined,
                anyBundle, mode, posture.lines(), bindings(snap), Instant.now());
        LOG.info("cluster revision {} of {}: {} graph(s) ready {}, {} quarantined", revision.stateRevision(),
                root.location(), ready.size(), ready.keySet(), quarantined.size());
        return runtime;
    }

    /** The policy slots of the revision, for {@code GET /admin/status}. */
    private static List<PolicyBindingOutput> bindings(ServingSnapshot snap) {
        List<PolicyBindingOutput> out = new ArrayList<>();
        out.add(new PolicyBindingOutput("cluster", Optional.empty(), snap.serverPolicy().map(ServingSnapshot.PolicyPayload::name),
                snap.serverPolicy().map(ServingSnapshot.PolicyPayload::digest)));
        snap.graphs().stream().sorted(java.util.Comparator.comparing(ServingSnapshot.ServedGraph::id))
                .forEach(g -> out.add(new PolicyBindingOutput("graph", Optional.of(g.id()),
                        g.policy().map(ServingSnapshot.PolicyPayload::name),
                        g.policy().map(ServingSnapshot.PolicyPayload::digest))));
        return List.copyOf(out);
    }

    /** One refusal line: {@code [code] path: message}. */
    private record Line(String code, String path, String message) {
    }

    private static BootFailure refusal(String arg, List<Line> fatal, Optional<ServingSnapshot.Revision> rev) {
        StringBuilder sb = new StringBuilder("the cluster at '" + arg + "' is not ready to serve:");
        fatal.forEach(f -> sb.append("\n  [").append(f.code()).append("] ").append(f.path()).append(": ")
                .append(f.message()));
        return new BootFailure(sb.toString(), fatal.stream().map(Line::code).toList(), rev);
    }

    private static PolicyBundle bundle(ServingSnapshot.PolicyPayload p) throws PolicyValidationException {
        return PolicyBundle.parse(p.source(), p.name() + ".policy.yaml", p.name());
    }

    /** The outcome of opening one graph. */
    private sealed interface Opened {
        record Ready(EngineGraphService service) implements Opened {
        }

        record Quarantined(QuarantinedGraph graph) implements Opened {
        }
    }

    private static Map<String, Opened> openAll(ObjectStore root, List<ServingSnapshot.ServedGraph> graphs,
                                               BootSettings settings, AuthMode mode, Optional<ClusterRuntime> previous)
            throws BootFailure {
        Map<String, Opened> out = new LinkedHashMap<>();
        if (graphs.isEmpty()) {
            return out;
        }
        int threads = Math.min(settings.openConcurrency(), graphs.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofVirtual().name("omnigraph-open-", 0).factory());
        try {
            Map<String, Future<Opened>> futures = new LinkedHashMap<>();
            for (ServingSnapshot.ServedGraph g : graphs) {
                futures.put(g.id(), pool.submit(() -> openOne(root, g, settings, mode, previous)));
            }
            for (Map.Entry<String, Future<Opened>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException e) {
                    LOG.error("opening graph '{}' failed unexpectedly", f.getKey(), e.getCause());
                    out.put(f.getKey(), new Opened.Quarantined(new QuarantinedGraph(f.getKey(), "graph_open_failed",
                            "opening the graph failed unexpectedly (" + e.getCause() + "); see the server log")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.values().forEach(o -> {
                        if (o instanceof Opened.Ready r) {
                            r.service().handle().release();
                        }
                    });
                    throw new BootFailure("boot interrupted", List.of("interrupted"), Optional.empty());
                }
            }
        } finally {
            pool.shutdown();
        }
        return out;
    }

    private static Opened openOne(ObjectStore root, ServingSnapshot.ServedGraph g, BootSettings settings, AuthMode mode,
                                  Optional<ClusterRuntime> previous) {
        String id = g.id();
        if (!SERVER_GRAPH_ID.matcher(id).matches() || RESERVED_GRAPH_IDS.contains(id)) {
            return quarantine(id, ClusterCode.INVALID_RESOURCE_ID.code(), "graph id `" + id + "` is valid in cluster.yaml"
                    + " but not servable: server graph ids are 1-64 ASCII letters, digits or '-' and not one of"
                    + " policies, healthz, openapi, graphs; rename the graph in cluster.yaml and run `cluster apply`");
        }
        ExternalBlobAccess blobs;
        try {
            blobs = ExternalBlobAccess.project(g.externalBlobPolicy());
        } catch (ExternalBlobAccess.Forged e) {
            return quarantine(id, ClusterCode.INVALID_EXTERNAL_BLOB_POLICY.code(), e.getMessage());
        }
        Optional<EmbeddingConfig> embedding = Optional.empty();
        if (g.embeddingProfile().isPresent()) {
            try {
                embedding = Optional.of(EmbeddingConfig.resolve(g.embeddingProvider().orElse("provider.embedding"),
                        g.embeddingProfile().get(), settings.env()));
            } catch (EmbeddingConfig.Unresolvable e) {
                return quarantine(id, "embedding_provider_unresolved", e.getMessage());
            }
        }
        GraphHandle handle;
        try {
            handle = open(root, g, settings, previous);
        } catch (EngineException | StoreException e) {
            return quarantine(id, "graph_root_unopenable", "cannot open graph root " + g.uri() + ": " + e.getMessage()
                    + "; run `omnigraph cluster refresh` to observe it and `omnigraph cluster apply` to re-create it");
        }
        try {
            Catalog catalog;
            try {
                catalog = handle.graph().withGate(PolicyGate.unrestricted())
                        .read(Optional.empty(), ReadTarget.branch(BranchNames.MAIN)).catalog();
            } catch (EngineException | StoreException e) {
                handle.release();
                return quarantine(id, "graph_root_unopenable", "cannot read the main branch of " + g.uri() + ": "
                        + e.getMessage() + "; run `omnigraph cluster refresh` and `omnigraph cluster apply`");
            }
            StoredQueryRegistry registry;
            try {
                registry = StoredQueryRegistry.build(g.queries(), catalog);
            } catch (StoredQueryRegistry.Invalid e) {
                handle.release();
                return quarantine(id, ClusterCode.QUERY_REGISTRY_INVALID.code(), e.getMessage());
            }
            Optional<PolicyEngine> engine = Optional.empty();
            if (g.policy().isPresent()) {
                ServingSnapshot.PolicyPayload p = g.policy().get();
                try {
                    engine = Optional.of(PolicyEngine.forGraph(bundle(p), id));
                } catch (PolicyValidationException | PolicyEvaluationException e) {
                    handle.release();
                    return quarantine(id, ClusterCode.POLICY_INVALID.code(), "policy bundle `" + p.name()
                            + "` cannot be loaded for graph `" + id + "`: " + e.getMessage());
                }
            }
            PolicyGate gate = PolicyGate.forGraph(id, engine, mode);
            Optional<AccessPolicy> policy = engine.map(CedarAccessPolicy::new);
            return new Opened.Ready(new EngineGraphService(id, g.uri(), handle, gate, policy, registry, embedding, blobs));
        } catch (RuntimeException e) {
            handle.release();
            throw e;
        }
    }

    /** Opens the graph root, or reuses the previous runtime's handle when the root still holds the same graph. */
    private static GraphHandle open(ObjectStore root, ServingSnapshot.ServedGraph g, BootSettings settings,
                                    Optional<ClusterRuntime> previous) {
        ObjectStore store = new PrefixedObjectStore(root, ClusterLayout.graphRootKey(g.id()));
        Graph fresh = OmniGraph.open(store, OpenOptions.defaults().withStoreOptions(settings.storeOptions()));
        Optional<GraphHandle> old = previous.flatMap(p -> p.handle(g.id()));
        if (old.isPresent() && old.get().uri().equals(g.uri()) && old.get().engineGraphId().equals(fresh.graphId())) {
            try {
                GraphHandle reused = old.get().retain();
                fresh.close();
                return reused;
            } catch (IllegalStateException closedMeanwhile) {
                // fall through to the fresh handle
            }
        }
        return new GraphHandle(g.id(), g.uri(), fresh);
    }

    private static Opened quarantine(String id, String code, String reason) {
        return new Opened.Quarantined(new QuarantinedGraph(id, code, reason));
    }
}
