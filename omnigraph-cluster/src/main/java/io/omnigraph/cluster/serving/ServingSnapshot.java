package io.omnigraph.cluster.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.catalog.CatalogStore;
import io.omnigraph.cluster.config.Addresses;
import io.omnigraph.cluster.config.Digests;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.recovery.Sidecars;
import io.omnigraph.cluster.state.ClusterState;
import io.omnigraph.cluster.state.LedgerMath;
import io.omnigraph.cluster.state.LedgerResource;
import io.omnigraph.cluster.state.StateStore;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.storage.ObjectStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a cluster-booted server serves (spec §4.2 steps 1, 3, 4): read from the storage root with no lock, no sweep and
 * no writes. Graphs to open with their digest-verified stored-query sources, the policy bundle of each slot (server
 * and per graph), quarantined graphs with reasons, startup warnings and fatal diagnostics. {@link #revision()} (the
 * ledger's {@code state_revision} and CAS token) lets a server notice a newer applied revision for hot reload.
 *
 * @param root        the storage root location
 * @param revision    the ledger revision served (empty when the ledger is missing or unreadable)
 * @param graphs      servable graphs, sorted by id
 * @param serverPolicy the bundle bound to {@code cluster}, if any
 * @param quarantined graph id → why it is not served
 * @param warnings    startup warnings (log them)
 * @param fatal       refusals; non-empty ⇒ do not serve
 */
public record ServingSnapshot(String root, Optional<Revision> revision, List<ServedGraph> graphs,
                              Optional<PolicyPayload> serverPolicy, SortedMap<String, Quarantine> quarantined,
                              List<ClusterDiagnostic> warnings, List<ClusterDiagnostic> fatal) {

    /** The applied ledger revision: {@code state_revision} and the CAS token of its bytes. */
    public record Revision(long stateRevision, String stateCas) {
    }

    /** A verified policy bundle: name, content digest, YAML text. */
    public record PolicyPayload(String name, String digest, String source) {
    }

    /**
     * A verified stored query: registry name, file digest, the containing file's text, and whether MCP offers it as a
     * tool (the ledger's {@code mcp_expose}; default true).
     */
    public record QuerySource(String name, String digest, String source, boolean mcpExpose) {
        /** An exposed query. */
        public QuerySource(String name, String digest, String source) {
            this(name, digest, source, true);
        }
    }

    /**
     * A graph to serve.
     *
     * @param embeddingProfile   the ledger's provider profile ({@code api_key} still {@code ${NAME}}; resolve at boot)
     * @param externalBlobPolicy normalized allow policy; empty = Deny
     */
    public record ServedGraph(String id, String uri, SortedMap<String, QuerySource> queries, Optional<PolicyPayload> policy,
                              Optional<String> embeddingProvider, Optional<ObjectNode> embeddingProfile,
                              Optional<ObjectNode> externalBlobPolicy) {
    }

    /** Why a graph is not served. */
    public record Quarantine(String graphId, ClusterCode code, String reason) {
    }

    /** True when the server may start (no fatal diagnostic). */
    public boolean servable() {
        return fatal.isEmpty();
    }

    /** The fatal refusal text: {@code the cluster at '<arg>' is not ready to serve:} + {@code [code] path: message} lines. */
    public String refusal(String clusterArg) {
        StringBuilder sb = new StringBuilder("the cluster at '" + clusterArg + "' is not ready to serve:");
        fatal.forEach(f -> sb.append("\n  [").append(f.code().code()).append("] ").append(f.path()).append(": ").append(f.message()));
        return sb.toString();
    }

    /** Reads the serving snapshot of the cluster whose storage root is {@code store}. Never writes. */
    public static ServingSnapshot read(ObjectStore store) {
        String root = store.location();
        List<ClusterDiagnostic> warnings = new ArrayList<>();
        List<ClusterDiagnostic> fatal = new ArrayList<>();
        SortedMap<String, Quarantine> quarantined = new TreeMap<>();
        // a. sidecars
        Sidecars.Listing l = Sidecars.list(store, root);
        l.problems().forEach(p -> fatal.add(ClusterDiagnostic.error(p.code(), p.path(), p.message())));
        for (Sidecars.Entry e : l.entries()) {
            String g = e.sidecar().graphId();
            if (g.isBlank()) {
                fatal.add(ClusterDiagnostic.error(ClusterCode.CLUSTER_RECOVERY_UNATTRIBUTED, root + "/" + e.key(),
                        "recovery sidecar " + e.sidecar().operationId() + " names no graph; inspect it, then run `cluster apply`"));
                continue;
            }
            String msg = "graph `" + g + "` is quarantined because interrupted operation `" + e.sidecar().operationId()
                    + "` awaits recovery; run any state-mutating cluster command (e.g. `cluster apply`) to sweep";
            quarantined.putIfAbsent(g, new Quarantine(g, ClusterCode.CLUSTER_RECOVERY_PENDING, msg));
            warnings.add(ClusterDiagnostic.warning(ClusterCode.CLUSTER_RECOVERY_PENDING, root + "/" + e.key(), msg));
        }
        // b. state
        StateStore.Read read = new StateStore(store, root).read();
        if (read.failed()) {
            fatal.add(read.failure().get());
            return new ServingSnapshot(root, Optional.empty(), List.of(), Optional.empty(), quarantined, warnings, fatal);
        }
        if (read.state().isEmpty()) {
            fatal.add(ClusterDiagnostic.error(ClusterCode.CLUSTER_STATE_MISSING, root + "/" + ClusterLayout.STATE_KEY,
                    "no applied state; run `cluster import` and `cluster apply` first"));
            return new ServingSnapshot(root, Optional.empty(), List.of(), Optional.empty(), quarantined, warnings, fatal);
        }
        ClusterState st = read.state().get();
        Optional<Revision> revision = Optional.of(new Revision(st.stateRevision(), read.cas()));
        List<String> ledgerGraphs = LedgerMath.graphs(st);
        for (String g : ledgerGraphs) {
            if (Addresses.graphIdProblem(g).isPresent() && !quarantined.containsKey(g)) {
                quarantined.put(g, new Quarantine(g, ClusterCode.INVALID_RESOURCE_ID, Addresses.graphIdProblem(g).get()));
            }
        }
        // c/d. graphs, providers, queries
        Map<String, ServedGraphBuilder> builders = new LinkedHashMap<>();
        for (String g : ledgerGraphs) {
            if (quarantined.containsKey(g)) {
                continue;
            }
            LedgerResource gr = st.resources().get(Addresses.graph(g));
            if (!LedgerMath.composite(st, g).equals(gr.digest())) {
                fatal.add(ClusterDiagnostic.error(ClusterCode.EXTERNAL_BLOB_POLICY_DIGEST_MISMATCH, Addresses.graph(g),
                        "the ledger's digest of graph `" + g + "` does not match its components; restore the cluster state ledger from a trusted copy"));
                continue;
            }
            ServedGraphBuilder b = new ServedGraphBuilder(g, ClusterLayout.graphUri(root, g));
            b.blobs = gr.externalBlobPolicy();
            if (gr.embeddingProvider().isPresent()) {
                String pa = gr.embeddingProvider().get();
                if (!pa.startsWith("provider.embedding.")) {
                    fatal.add(ClusterDiagnostic.error(ClusterCode.WRONG_KIND_REFERENCE, Addresses.graph(g), "`" + pa + "` is not an embedding provider"));
                    continue;
                }
                LedgerResource pr = st.resources().get(pa);
                if (pr == null) {
                    fatal.add(ClusterDiagnostic.error(ClusterCode.EMBEDDING_PROVIDER_MISSING, Addresses.graph(g), "graph `" + g
                            + "` uses " + pa + ", which is not in the applied state; run `cluster apply`"));
                    continue;
                }
                if (pr.embeddingProfile().isEmpty()) {
                    fatal.add(ClusterDiagnostic.error(ClusterCode.EMBEDDING_PROVIDER_PROFILE_MISSING, pa, "the ledger has no"
                            + " embedding_profile for " + pa + "; re-run `cluster apply` to backfill it, then restart"));
                    continue;
                }
                if (!Digests.providerDigest(pr.embeddingProfile().get()).equals(pr.digest())) {
                    fatal.add(ClusterDiagnostic.error(ClusterCode.EMBEDDING_PROVIDER_DIGEST_MISMATCH, pa, "the stored profile of "
                            + pa + " does not match its digest; restore the ledger or re-run `cluster apply`"));
                    continue;
                }
                b.provider = Optional.of(pa);
                b.profile = pr.embeddingProfile();
            }
            builders.put(g, b);
        }
        for (Map.Entry<String, LedgerResource> e : st.resources().entrySet()) {
            String a = e.getKey();
            if (!a.startsWith("query.")) {
                continue;
            }
            String g = Addresses.graphOf(a).orElse("");
            ServedGraphBuilder b = builders.get(g);
            if (b == null) {
                continue;
            }
            String name = a.substring(("query." + g + ".").length());
            verified(store, a, e.getValue().digest(), fatal).ifPresent(text -> b.queries.put(name,
                    new QuerySource(name, e.getValue().digest(), text, e.getValue().exposedToMcp())));
        }
        // policies → slots
        Optional<PolicyPayload> server = Optional.empty();
        Map<String, String> slotOwner = new LinkedHashMap<>();
        for (Map.Entry<String, LedgerResource> e : st.resources().entrySet()) {
            String a = e.getKey();
            if (!a.startsWith("policy.")) {
                continue;
            }
            String name = a.substring(7);
            LedgerResource pr = e.getValue();
            if (pr.appliesTo().isEmpty()) {
                fatal.add(ClusterDiagnostic.error(ClusterCode.POLICY_BINDINGS_MISSING, a, "the ledger predates policy binding"
                        + " metadata; re-run `cluster apply` to backfill, then restart"));
                continue;
            }
            List<String> bindings = new ArrayList<>();
            for (String bnd : pr.appliesTo().get()) {
                if (bnd.equals("cluster")) {
                    bindings.add(bnd);
                } else if (bnd.startsWith("graph.")) {
                    String g = bnd.substring(6);
                    if (!ledgerGraphs.contains(g)) {
                        fatal.add(ClusterDiagnostic.error(ClusterCode.POLICY_BINDING_UNKNOWN, a, "policy `" + name
                                + "` binds `" + bnd + "`, which is not an applied graph"));
                    } else if (builders.containsKey(g)) {
                        bindings.add(bnd);
                    }
                } else {
                    fatal.add(ClusterDiagnostic.error(ClusterCode.POLICY_BINDING_UNKNOWN, a, "unknown binding `" + bnd + "`"));
                }
            }
            if (bindings.isEmpty()) {
                continue;
            }
            Optional<String> text = verified(store, a, pr.digest(), fatal);
            if (text.isEmpty()) {
                continue;
            }
            PolicyPayload payload = new PolicyPayload(name, pr.digest(), text.get());
            for (String bnd : bindings) {
                String prev = slotOwner.putIfAbsent(bnd, name);
                if (prev != null) {
                    fatal.add(ClusterDiagnostic.error(ClusterCode.POLICY_BINDING_CONFLICT, a, "multiple policy bundles bind `"
                            + bnd + "` (`" + prev + "` and `" + name + "`); cluster-mode serving supports one bundle per scope"
                            + " — split or merge the bundles"));
                    continue;
                }
                if (bnd.equals("cluster")) {
                    server = Optional.of(payload);
                } else {
                    builders.get(bnd.substring(6)).policy = Optional.of(payload);
                }
            }
        }
        // step 4: each graph's stored-query registry must parse and hold every registered name
        List<ServedGraph> served = new ArrayList<>();
        for (ServedGraphBuilder b : builders.values()) {
            Optional<String> problem = Optional.empty();
            for (QuerySource q : b.queries.values()) {
                try {
                    QueryFile f = QueryCompiler.parse(q.source(), q.name() + ".gq");
                    if (f.query(q.name()).isEmpty()) {
                        problem = Optional.of("stored query `" + q.name() + "` is missing from its source");
                    }
                } catch (CompileException ex) {
                    problem = Optional.of("stored query `" + q.name() + "` does not parse: " + ex.getMessage());
                }
                if (problem.isPresent()) {
                    break;
                }
            }
            if (problem.isPresent()) {
                quarantined.put(b.id, new Quarantine(b.id, ClusterCode.QUERY_REGISTRY_INVALID, problem.get()));
                warnings.add(ClusterDiagnostic.warning(ClusterCode.QUERY_REGISTRY_INVALID, Addresses.graph(b.id), problem.get()));
                continue;
            }
            served.add(new ServedGraph(b.id, b.uri, b.queries, b.policy, b.provider, b.profile, b.blobs));
        }
        if (served.isEmpty() && fatal.isEmpty()) {
            if (ledgerGraphs.isEmpty()) {
                fatal.add(ClusterDiagnostic.error(ClusterCode.CLUSTER_EMPTY, root + "/" + ClusterLayout.STATE_KEY,
                        "the applied revision has no graphs; apply a cluster with at least one graph"));
            } else {
                fatal.add(ClusterDiagnostic.error(ClusterCode.CLUSTER_NO_HEALTHY_GRAPHS, root, "every applied graph is"
                        + " quarantined (" + quarantined.keySet() + "); sweep/fix the graph-specific failures (run `cluster apply`),"
                        + " then restart"));
            }
        }
        return new ServingSnapshot(root, revision, List.copyOf(served), server, quarantined, List.copyOf(warnings), List.copyOf(fatal));
    }

    private static Optional<String> verified(ObjectStore store, String address, String digest, List<ClusterDiagnostic> fatal) {
        return switch (CatalogStore.verify(store, address, digest)) {
            case CatalogStore.Verification.Ok ok -> Optional.of(ok.text());
            case CatalogStore.Verification.Missing m -> {
                fatal.add(ClusterDiagnostic.error(ClusterCode.CATALOG_PAYLOAD_MISSING, address, "catalog payload " + m.key()
                        + " is missing; run `cluster refresh` then `cluster apply`, and restart"));
                yield Optional.empty();
            }
            case CatalogStore.Verification.Mismatch m -> {
                fatal.add(ClusterDiagnostic.error(ClusterCode.CATALOG_PAYLOAD_DIGEST_MISMATCH, address, "catalog payload "
                        + m.key() + " does not match its digest (actual sha256:" + m.actual() + "); run `cluster refresh`"
                        + " then `cluster apply`, and restart"));
                yield Optional.empty();
            }
            case CatalogStore.Verification.Unreadable u -> {
                fatal.add(ClusterDiagnostic.error(ClusterCode.CATALOG_PAYLOAD_READ_ERROR, address, "cannot read catalog payload "
                        + u.key() + ": " + u.error()));
                yield Optional.empty();
            }
        };
    }

    private static final class ServedGraphBuilder {
        final String id;
        final String uri;
        final SortedMap<String, QuerySource> queries = new TreeMap<>();
        Optional<PolicyPayload> policy = Optional.empty();
        Optional<String> provider = Optional.empty();
        Optional<ObjectNode> profile = Optional.empty();
        Optional<ObjectNode> blobs = Optional.empty();

        ServedGraphBuilder(String id, String uri) {
            this.id = id;
            this.uri = uri;
        }
    }
}
