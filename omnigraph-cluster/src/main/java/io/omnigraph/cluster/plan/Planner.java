package io.omnigraph.cluster.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.approval.Approval;
import io.omnigraph.cluster.config.Addresses;
import io.omnigraph.cluster.config.DesiredCluster;
import io.omnigraph.cluster.config.DesiredCluster.DesiredResource;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.Diagnostics;
import io.omnigraph.cluster.state.ClusterState;
import io.omnigraph.cluster.state.LedgerResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Diff, approval gates and disposition rules (spec §3.2 step 5, §2.6, §3.3), shared by plan, apply and approve. */
public final class Planner {
    public static final String RECOVERY_PENDING = "cluster_recovery_pending";
    public static final String APPROVAL_REQUIRED = "approval_required";
    public static final String DEPENDENCY_NOT_APPLIED = "dependency_not_applied";
    public static final String UNSUPPORTED_KIND = "apply_unsupported_kind";

    private Planner() {
    }

    /**
     * Create / Update / Delete by digest, then (when {@code withMetadata}) metadata-only updates of policy bindings,
     * embedding profiles and stored-query MCP exposure. Sorted by address.
     */
    public static List<Change> diff(ClusterState prior, DesiredCluster desired, boolean withMetadata) {
        List<Change> out = new ArrayList<>();
        SortedSet<String> all = new TreeSet<>(prior.resources().keySet());
        all.addAll(desired.resources().keySet());
        for (String addr : all) {
            Optional<String> before = prior.digest(addr);
            Optional<String> after = Optional.ofNullable(desired.resources().get(addr)).map(DesiredResource::digest);
            if (before.isEmpty()) {
                out.add(new Change(addr, Op.CREATE, Optional.empty(), after, Optional.empty()));
            } else if (after.isEmpty()) {
                out.add(new Change(addr, Op.DELETE, before, Optional.empty(), Optional.empty()));
            } else if (!before.equals(after)) {
                out.add(new Change(addr, Op.UPDATE, before, after, Optional.empty()));
            }
        }
        if (withMetadata) {
            Set<String> changed = new HashSet<>();
            out.forEach(c -> changed.add(c.resource()));
            desired.policies().values().forEach(p -> {
                String addr = Addresses.policy(p.name());
                LedgerResource lr = prior.resources().get(addr);
                if (!changed.contains(addr) && lr != null && !lr.appliesTo().equals(Optional.of(p.appliesTo()))) {
                    out.add(new Change(addr, Op.UPDATE, Optional.of(lr.digest()), Optional.of(lr.digest()),
                            Optional.of("policy_bindings")));
                }
            });
            desired.providers().values().forEach(p -> {
                String addr = Addresses.provider(p.name());
                LedgerResource lr = prior.resources().get(addr);
                if (!changed.contains(addr) && lr != null && !lr.embeddingProfile().equals(Optional.of(p.profile()))) {
                    out.add(new Change(addr, Op.UPDATE, Optional.of(lr.digest()), Optional.of(lr.digest()),
                            Optional.of("embedding_profile")));
                }
            });
            desired.graphs().values().forEach(g -> g.queries().values().forEach(q -> {
                String addr = Addresses.query(g.id(), q.name());
                LedgerResource lr = prior.resources().get(addr);
                if (!changed.contains(addr) && lr != null && lr.exposedToMcp() != q.mcpExpose()) {
                    out.add(new Change(addr, Op.UPDATE, Optional.of(lr.digest()), Optional.of(lr.digest()),
                            Optional.of("mcp_expose")));
                }
            }));
            out.sort(Comparator.comparing(Change::resource));
        }
        return out;
    }

    /** One approval gate: a gated change, whether a valid approval satisfies it, and that approval. */
    public record Gate(Change change, Optional<Approval> approval) {
        public boolean satisfied() {
            return approval.isPresent();
        }

        public ObjectNode toJson() {
            ObjectNode o = io.omnigraph.cluster.json.CanonicalJson.object();
            o.put("resource", change.resource());
            o.put("reason", Approval.REASON);
            o.put("satisfied", satisfied());
            return o;
        }
    }

    /** The gated changes: every graph Delete, and a schema Delete whose graph is not also deleted. */
    public static List<Change> gated(List<Change> changes) {
        Set<String> graphDeletes = graphsWith(changes, "graph.", Op.DELETE);
        return changes.stream().filter(c -> c.is("graph.", Op.DELETE)
                || (c.is("schema.", Op.DELETE) && !graphDeletes.contains(c.graph().orElse("")))).toList();
    }

    /**
     * Matches approvals to gates. An unconsumed artifact (not consumed in the file nor recorded in the ledger's
     * {@code approval_records}) for a gated resource that fails its binding produces {@code approval_stale}.
     */
    public static List<Gate> gates(List<Change> changes, String desiredConfigDigest, List<Approval> approvals,
                                   ClusterState ledger, Diagnostics d) {
        List<Gate> out = new ArrayList<>();
        for (Change c : gated(changes)) {
            Optional<Approval> valid = Optional.empty();
            for (Approval a : approvals) {
                if (!a.resource().equals(c.resource()) || a.consumedAt().isPresent()
                        || ledger.approvalRecords().containsKey(a.approvalId())) {
                    continue;
                }
                boolean binds = a.operation().equals("delete") && a.boundConfigDigest().equals(desiredConfigDigest)
                        && a.boundBeforeDigest().equals(c.before()) && a.boundAfterDigest().equals(c.after());
                if (binds && valid.isEmpty()) {
                    valid = Optional.of(a);
                } else if (!binds) {
                    d.warn(ClusterCode.APPROVAL_STALE, c.resource(), "approval " + a.approvalId() + " by " + a.approvedBy()
                            + " no longer matches the pending change (the config or state moved since it was approved);"
                            + " it authorizes nothing — review `cluster plan` and run `cluster approve " + c.resource() + "` again");
                }
            }
            out.add(new Gate(c, valid));
        }
        return out;
    }

    /** Classifies every change (spec §3.3) given the approved gated resources and the sweep-pending graphs. */
    public static void classify(List<Change> changes, Set<String> approved, Set<String> pending, DesiredCluster desired) {
        Set<String> graphDeletes = graphsWith(changes, "graph.", Op.DELETE);
        Set<String> schemaPending = graphsWith(changes, "schema.", Op.DELETE);
        for (Change c : changes) {
            String g = c.graph().orElse("");
            boolean isPending = pending.contains(g);
            boolean ridesApproved = graphDeletes.contains(g) && approved.contains(Addresses.graph(g)) && !isPending;
            String r = c.resource();
            if (r.startsWith("graph.")) {
                switch (c.op()) {
                    case CREATE -> set(c, isPending ? blocked(RECOVERY_PENDING) : applied());
                    case UPDATE -> set(c, !schemaPending.contains(g) ? new D(Disposition.DERIVED, null)
                            : new D(Disposition.DEFERRED, UNSUPPORTED_KIND));
                    case DELETE -> set(c, isPending ? blocked(RECOVERY_PENDING)
                            : ridesApproved ? applied() : blocked(APPROVAL_REQUIRED));
                }
            } else if (r.startsWith("schema.")) {
                switch (c.op()) {
                    // quirk §9.6 decided: an unpaired schema Create (ledger has the graph, not its schema) is applied
                    // to the live graph like an update instead of being mislabelled as recovery-pending
                    case CREATE, UPDATE -> set(c, isPending ? blocked(RECOVERY_PENDING) : applied());
                    case DELETE -> {
                        if (graphDeletes.contains(g)) {
                            set(c, ridesApproved ? applied() : isPending ? blocked(RECOVERY_PENDING) : blocked(APPROVAL_REQUIRED));
                        } else {
                            set(c, new D(Disposition.DEFERRED, UNSUPPORTED_KIND));
                        }
                    }
                }
            } else if (r.startsWith("query.")) {
                switch (c.op()) {
                    case CREATE, UPDATE -> set(c, isPending ? blocked(RECOVERY_PENDING)
                            : schemaPending.contains(g) ? blocked(DEPENDENCY_NOT_APPLIED) : applied());
                    case DELETE -> set(c, ridesApproved ? applied()
                            : graphDeletes.contains(g) ? blocked(APPROVAL_REQUIRED) : applied());
                }
            } else if (r.startsWith("policy.")) {
                if (c.op() == Op.DELETE) {
                    set(c, applied());
                } else {
                    String name = r.substring(7);
                    boolean dependsOnPending = Optional.ofNullable(desired.policies().get(name))
                            .map(p -> p.appliesTo().stream().anyMatch(b -> b.startsWith("graph.") && pending.contains(b.substring(6))))
                            .orElse(false);
                    set(c, dependsOnPending ? blocked(RECOVERY_PENDING) : applied());
                }
            } else if (r.startsWith("provider.embedding.")) {
                set(c, applied());
            } else {
                set(c, new D(Disposition.DEFERRED, UNSUPPORTED_KIND));
            }
        }
    }

    private record D(Disposition d, String reason) {
    }

    private static D applied() {
        return new D(Disposition.APPLIED, null);
    }

    private static D blocked(String reason) {
        return new D(Disposition.BLOCKED, reason);
    }

    private static void set(Change c, D d) {
        c.classify(d.d(), d.reason());
    }

    public static Set<String> graphsWith(List<Change> changes, String prefix, Op op) {
        Set<String> s = new HashSet<>();
        changes.stream().filter(c -> c.is(prefix, op)).forEach(c -> c.graph().ifPresent(s::add));
        return s;
    }

    /** Blast radius: for each changed resource, every {@code from} whose {@code to} is it (sorted). */
    public static Map<String, List<String>> blastRadius(List<Change> changes, List<DesiredCluster.Dependency> deps) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Change c : changes) {
            List<String> affected = deps.stream().filter(e -> e.to().equals(c.resource())).map(DesiredCluster.Dependency::from)
                    .distinct().sorted().toList();
            out.put(c.resource(), affected);
        }
        return out;
    }
}
