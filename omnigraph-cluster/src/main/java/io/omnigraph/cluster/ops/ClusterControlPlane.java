package io.omnigraph.cluster.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.approval.Approval;
import io.omnigraph.cluster.approval.Approvals;
import io.omnigraph.cluster.catalog.CatalogStore;
import io.omnigraph.cluster.config.Addresses;
import io.omnigraph.cluster.config.ConfigHeader;
import io.omnigraph.cluster.config.ConfigLoader;
import io.omnigraph.cluster.config.DesiredCluster;
import io.omnigraph.cluster.config.DesiredCluster.GraphSpec;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.cluster.diag.Diagnostics;
import io.omnigraph.cluster.failpoint.Failpoint;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.graph.GraphObservation;
import io.omnigraph.cluster.graph.GraphPlaneException;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.cluster.graph.SchemaPreview;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.cluster.json.Ids;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.lock.LockInfo;
import io.omnigraph.cluster.plan.Change;
import io.omnigraph.cluster.plan.Disposition;
import io.omnigraph.cluster.plan.Op;
import io.omnigraph.cluster.plan.Planner;
import io.omnigraph.cluster.recovery.Sidecar;
import io.omnigraph.cluster.recovery.Sidecars;
import io.omnigraph.cluster.state.ClusterState;
import io.omnigraph.cluster.state.LedgerMath;
import io.omnigraph.cluster.state.LedgerResource;
import io.omnigraph.cluster.state.ResourceStatus;
import io.omnigraph.cluster.state.StateStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster control plane: {@code validate, plan, apply, status, refresh, import, approve, force-unlock} (spec §3).
 * Every command returns a {@link ClusterResult} whose JSON is the spec's document for that command; nothing here
 * prints. All state goes through the {@link io.omnigraph.storage.ObjectStore} of the storage root; config sources are
 * read from the local config directory. Thread-safe (no shared mutable state besides the environment's failpoints).
 */
public final class ClusterControlPlane {
    private final ClusterEnvironment env;

    public ClusterControlPlane(ClusterEnvironment env) {
        this.env = env;
    }

    public ClusterEnvironment environment() {
        return env;
    }

    // ================================================================================================ validate

    public ClusterResult validate(Path dir) {
        DesiredCluster desired = ConfigLoader.load(dir);
        Diagnostics d = new Diagnostics();
        d.addAll(desired.diagnostics());
        if (desired.ok()) {
            desired.graphs().values().stream().filter(g -> g.externalBlobPolicy().isEmpty()).forEach(g -> d.warn(
                    ClusterCode.EXTERNAL_BLOB_INGRESS_DEFAULT_DENY, "graphs." + g.id() + ".external_blobs",
                    "graph `" + g.id() + "` declares no external_blobs.allow bases: external blob ingress is denied (the default)"));
        }
        ObjectNode o = CanonicalJson.object();
        o.put("ok", !d.hasErrors());
        o.put("config_dir", dir.toString());
        o.put("config_file", dir.resolve(ConfigLoader.FILE_NAME).toString());
        o.set("resource_digests", digests(desired));
        ArrayNode res = o.putArray("resources");
        desired.resources().values().forEach(r -> {
            ObjectNode x = res.addObject();
            x.put("address", r.address());
            x.put("kind", r.kind().wire());
            x.put("digest", r.digest());
            r.path().ifPresent(p -> x.put("path", p));
        });
        o.set("dependencies", deps(desired));
        o.set("diagnostics", Diagnostics.toJson(d.list()));
        return new ClusterResult("validate", o);
    }

    // ================================================================================================ plan

    public ClusterResult plan(Path dir) {
        DesiredCluster desired = ConfigLoader.load(dir);
        Diagnostics d = new Diagnostics();
        d.addAll(desired.diagnostics());
        List<Change> changes = new ArrayList<>();
        List<Planner.Gate> gates = new ArrayList<>();
        Session s = new Session(env, d);
        try {
            if (desired.ok() && s.open(desired.header()) && s.lock(desired.header(), "plan")) {
                warnPendingSidecars(s);
                StateStore.Read read = s.states.read();
                if (read.failed()) {
                    d.add(read.failure().get());
                } else {
                    ClusterState prior = read.state().orElseGet(() -> ClusterState.empty(Optional.empty()));
                    read.state().ifPresent(st -> s.obs.state(st, read.cas()));
                    changes = Planner.diff(prior, desired, true);
                    Approvals.Listing approvals = Approvals.load(s.store, s.display);
                    d.addAll(approvals.problems());
                    gates = Planner.gates(changes, desired.configDigest(), approvals.approvals(), prior, d);
                    Planner.classify(changes, approvedSet(gates), Set.of(), desired);
                    for (Change c : changes) {
                        if (c.resource().startsWith("schema.") && c.disposition().orElse(null) == Disposition.APPLIED
                                && (c.op() == Op.UPDATE || (c.op() == Op.CREATE && !hasGraphCreate(changes, c)))) {
                            GraphSpec g = desired.graphs().get(c.graph().orElseThrow());
                            switch (env.plane().previewSchemaApply(s.root(g.id()), g.schemaSource())) {
                                case SchemaPreview.Ready r -> c.setMigration(r.plan().toJson());
                                case SchemaPreview.Rejected rj -> d.warn(ClusterCode.SCHEMA_PREVIEW_UNAVAILABLE, c.resource(),
                                        "cannot preview the migration of `" + g.id() + "`: " + rj.reason());
                            }
                        }
                    }
                }
            }
        } finally {
            s.close();
        }
        ObjectNode o = CanonicalJson.object();
        o.put("ok", !d.hasErrors());
        o.put("config_dir", dir.toString());
        ObjectNode dr = o.putObject("desired_revision");
        if (desired.ok()) {
            dr.put("config_digest", desired.configDigest());
        }
        o.set("resource_digests", digests(desired));
        o.set("dependencies", deps(desired));
        o.set("state_observations", s.obs.toJson(env.clock().instant()));
        ArrayNode ch = o.putArray("changes");
        changes.forEach(c -> ch.add(c.toJson()));
        ArrayNode br = o.putArray("blast_radius");
        Planner.blastRadius(changes, desired.dependencies()).forEach((r, affected) -> {
            ObjectNode x = br.addObject();
            x.put("resource", r);
            ArrayNode a = x.putArray("affected");
            affected.forEach(a::add);
        });
        ArrayNode ar = o.putArray("approvals_required");
        gates.forEach(g -> ar.add(g.toJson()));
        o.put("converged", !d.hasErrors() && changes.isEmpty());
        o.set("diagnostics", Diagnostics.toJson(d.list()));
        return new ClusterResult("plan", o);
    }

    private static boolean hasGraphCreate(List<Change> changes, Change schema) {
        String g = schema.graph().orElse("");
        return changes.stream().anyMatch(c -> c.is("graph.", Op.CREATE) && c.graph().orElse("").equals(g));
    }

    private static Set<String> approvedSet(List<Planner.Gate> gates) {
        Set<String> s = new HashSet<>();
        gates.stream().filter(Planner.Gate::satisfied).forEach(g -> s.add(g.change().resource()));
        return s;
    }

    private void warnPendingSidecars(Session s) {
        Sidecars.Listing l = Sidecars.list(s.store, s.display);
        d(s).addAll(l.problems());
        for (Sidecars.Entry e : l.entries()) {
            d(s).warn(ClusterCode.CLUSTER_RECOVERY_PENDING, s.display + "/" + e.key(), "interrupted " + e.sidecar().kind().wire()
                    + " of graph `" + e.sidecar().graphId() + "` (operation " + e.sidecar().operationId()
                    + ") awaits recovery; run `omnigraph cluster apply` (or any state-mutating cluster command) to sweep it");
        }
    }

    private static Diagnostics d(Session s) {
        return s.d;
    }

    // ================================================================================================ status

    public ClusterResult status(Path dir) {
        Diagnostics d = new Diagnostics();
        ConfigLoader.HeaderResult h = ConfigLoader.header(dir);
        d.addAll(h.diagnostics());
        Session s = new Session(env, d);
        ObjectNode digests = CanonicalJson.object();
        ObjectNode statuses = CanonicalJson.object();
        ObjectNode observations = CanonicalJson.object();
        ObjectNode approvalRecords = CanonicalJson.object();
        if (h.ok() && s.open(h.header().get())) {
            s.observeLock(true);
            warnPendingSidecars(s);
            StateStore.Read read = s.states.read();
            if (read.failed()) {
                d.add(read.failure().get());
            } else if (read.state().isEmpty()) {
                d.warn(ClusterCode.STATE_MISSING, s.obs.statePath, "no state ledger yet; run `omnigraph cluster import`, then `cluster apply`");
            } else {
                ClusterState st = read.state().get();
                s.obs.state(st, read.cas());
                st.resources().forEach((k, v) -> digests.put(k, v.digest()));
                statusesJson(st, statuses);
                st.observations().forEach(observations::set);
                st.approvalRecords().forEach(approvalRecords::set);
                for (Map.Entry<String, LedgerResource> e : st.resources().entrySet()) {
                    String a = e.getKey();
                    if (!a.startsWith("query.") && !a.startsWith("policy.")) {
                        continue;
                    }
                    switch (CatalogStore.verify(s.store, a, e.getValue().digest())) {
                        case CatalogStore.Verification.Ok ok -> { }
                        case CatalogStore.Verification.Missing m -> d.warn(ClusterCode.CATALOG_PAYLOAD_MISSING, a,
                                "catalog payload " + m.key() + " is missing; run `cluster refresh` then `cluster apply`");
                        case CatalogStore.Verification.Mismatch m -> d.warn(ClusterCode.CATALOG_PAYLOAD_MISMATCH, a,
                                "catalog payload " + m.key() + " does not match its digest (actual sha256:" + m.actual()
                                        + "); run `cluster refresh` then `cluster apply`");
                        case CatalogStore.Verification.Unreadable u -> d.error(ClusterCode.CATALOG_PAYLOAD_READ_ERROR, a,
                                "cannot read catalog payload " + u.key() + ": " + u.error());
                    }
                }
            }
        }
        ObjectNode o = CanonicalJson.object();
        o.put("ok", !d.hasErrors());
        o.put("config_dir", dir.toString());
        o.set("state_observations", s.obs.toJson(env.clock().instant()));
        o.set("resource_digests", digests);
        o.set("resource_statuses", statuses);
        o.set("observations", observations);
        o.set("approval_records", approvalRecords);
        o.set("diagnostics", Diagnostics.toJson(d.list()));
        return new ClusterResult("status", o);
    }

    // ================================================================================================ force-unlock

    public ClusterResult forceUnlock(Path dir, String lockId) {
        Diagnostics d = new Diagnostics();
        ConfigLoader.HeaderResult h = ConfigLoader.header(dir);
        d.addAll(h.diagnostics());
        Session s = new Session(env, d);
        boolean removed = false;
        Optional<LockInfo> removedInfo = Optional.empty();
        if (h.ok() && s.open(h.header().get())) {
            try {
                Optional<StoredObject> raw = s.store.get(ClusterLayout.LOCK_KEY);
                if (raw.isEmpty()) {
                    d.error(ClusterCode.STATE_LOCK_MISSING, s.obs.lockPath, "no state lock is held; nothing to unlock");
                } else {
                    try {
                        LockInfo held = LockInfo.parse(raw.get().bytes());
                        s.obs.foreign = Optional.of(held);
                        if (!held.lockId().equals(lockId)) {
                            d.error(ClusterCode.STATE_LOCK_ID_MISMATCH, s.obs.lockPath, "held lock is " + held.lockId()
                                    + ", refusing to remove it for id " + lockId + " (copy the exact id from `cluster status`)");
                        } else {
                            s.store.putIfMatch(ClusterLayout.LOCK_KEY, raw.get().bytes(), raw.get().version());
                            s.store.delete(ClusterLayout.LOCK_KEY);
                            removed = true;
                            removedInfo = Optional.of(held);
                        }
                    } catch (LockInfo.Invalid e) {
                        d.error(e.code(), s.obs.lockPath, "lock.json is unusable (" + e.getMessage()
                                + "); inspect it and remove the file by hand once no cluster command is running");
                    }
                }
            } catch (StoreException e) {
                d.error(ClusterCode.STATE_LOCK_READ_ERROR, s.obs.lockPath, "cannot read or remove lock.json: " + e.getMessage());
            }
        }
        ObjectNode o = CanonicalJson.object();
        o.put("ok", !d.hasErrors());
        o.put("config_dir", dir.toString());
        o.set("state_observations", s.obs.toJson(env.clock().instant()));
        o.put("lock_removed", removed);
        removedInfo.ifPresent(l -> o.set("removed_lock", l.toJson()));
        o.set("diagnostics", Diagnostics.toJson(d.list()));
        return new ClusterResult("force-unlock", o);
    }

    // ================================================================================================ approve

    public ClusterResult approve(Path dir, String address, String actor) {
        DesiredCluster desired = ConfigLoader.load(dir);
        Diagnostics d = new Diagnostics();
        d.addAll(desired.diagnostics());
        Session s = new Session(env, d);
        Optional<Approval> written = Optional.empty();
        try {
            if (desired.ok() && s.open(desired.header()) && s.lock(desired.header(), "approve")) {
                StateStore.Read read = s.states.read();
                if (read.failed()) {
                    d.add(read.failure().get());
                } else if (read.state().isEmpty()) {
                    d.error(ClusterCode.STATE_MISSING, s.obs.statePath, "no state ledger; run `omnigraph cluster import` first");
                } else {
                    ClusterState st = read.state().get();
                    s.obs.state(st, read.cas());
                    List<Change> changes = Planner.diff(st, desired, false);
                    Optional<Change> gate = Planner.gated(changes).stream().filter(c -> c.resource().equals(address)).findFirst();
                    if (gate.isEmpty()) {
                        d.error(ClusterCode.APPROVAL_NOT_REQUIRED, address, "no pending change for this resource requires"
                                + " approval (check `cluster plan`)");
                    } else {
                        Change c = gate.get();
                        Approval a = new Approval(env.ids().get(), address, "delete", Approval.REASON,
                                desired.configDigest(), c.before(), c.after(), actor, Ids.rfc3339(env.clock().instant()),
                                Optional.empty(), Optional.empty());
                        try {
                            s.store.putIfAbsent(ClusterLayout.approvalKey(a.approvalId()), a.toBytes());
                            written = Optional.of(a);
                        } catch (StoreException e) {
                            d.error(ClusterCode.APPROVAL_WRITE_ERROR, s.display + "/" + ClusterLayout.approvalKey(a.approvalId()),
                                    "cannot write the approval: " + e.getMessage());
                        }
                    }
                }
            }
        } finally {
            s.close();
        }
        ObjectNode o = CanonicalJson.object();
        o.put("ok", !d.hasErrors());
        o.put("config_dir", dir.toString());
        written.ifPresent(a -> {
            o.put("approval_id", a.approvalId());
            o.put("resource", a.resource());
            o.put("operation", "delete");
            o.put("approved_by", a.approvedBy());
        });
        o.set("state_observations", s.obs.toJson(env.clock().instant()));
        o.set("diagnostics", Diagnostics.toJson(d.list()));
        return new ClusterResult("approve", o);
    }

    // ================================================================================================ refresh / import

    public ClusterResult refresh(Path dir) {
        return observe(dir, false);
    }

    public ClusterResult importState(Path dir) {
        return observe(dir, true);
    }

    private ClusterResult observe(Path dir, boolean isImport) {
        String op = isImport ? "import" : "refresh";
        DesiredCluster desired = ConfigLoader.load(dir);
        Diagnostics d = new Diagnostics();
        d.addAll(desired.diagnostics());
        Session s = new Session(env, d);
        ClusterState result = null;
        boolean alreadyExists = false;
        try {
            if (desired.ok() && s.open(desired.header()) && s.lock(desired.header(), op)) {
                StateStore.Read read = s.states.read();
                ClusterState st = null;
                if (isImport) {
                    if (read.found()) {
                        alreadyExists = true;
                        s.obs.state(read.state().get(), read.cas());
                        d.warn(ClusterCode.STATE_ALREADY_EXISTS, s.obs.statePath, "a state ledger already exists (revision "
                                + read.state().get().stateRevision() + "); nothing imported. Use `cluster refresh` to"
                                + " re-observe the graphs, or move state.json aside to rebuild it");
                    } else {
                        if (read.failed()) {
                            d.warn(read.failure().get().code(), s.obs.statePath, "the existing state.json is unreadable ("
                                    + read.failure().get().message() + "); rebuilding it from the config and the live graphs");
                        }
                        st = ClusterState.empty(Optional.of(desired.configDigest()));
                    }
                } else if (read.failed()) {
                    d.add(read.failure().get());
                } else if (read.state().isEmpty()) {
                    d.error(ClusterCode.STATE_MISSING, s.obs.statePath, "no state ledger; run `omnigraph cluster import` first");
                } else {
                    st = read.state().get();
                    s.obs.state(st, read.cas());
                }
                if (st != null && authority(st, s)) {
                    Sweep sweep = sweep(st, s);
                    if (!isImport) {
                        verifyCatalogForRefresh(st, s);
                    }
                    observeGraphs(st, desired, s);
                    if (!(isImport && d.hasErrors())) {
                        st.setStateRevision(isImport ? 1 : st.stateRevision() + 1);
                        if (s.lockLost()) {
                            d.error(ClusterCode.STATE_LOCK_LOST, s.obs.lockPath, "the state lock lease was lost while"
                                    + " the command ran; nothing was written — re-run");
                        } else {
                            StateStore.Write w = s.states.write(st, read.cas());
                            if (w.ok()) {
                                s.obs.state(st, w.cas().get());
                                result = st;
                                finishSweep(sweep, s);
                            } else {
                                d.add(w.failure().get());
                            }
                        }
                    }
                }
            }
        } finally {
            s.close();
        }
        ObjectNode o = CanonicalJson.object();
        o.put("ok", !d.hasErrors());
        o.put("operation", op);
        o.put("config_dir", dir.toString());
        if (isImport) {
            o.put("imported", result != null);
        }
        o.set("state_observations", s.obs.toJson(env.clock().instant()));
        ObjectNode digests = o.putObject("resource_digests");
        ObjectNode statuses = o.putObject("resource_statuses");
        ObjectNode observations = o.putObject("observations");
        if (result != null) {
            result.resources().forEach((k, v) -> digests.put(k, v.digest()));
            statusesJson(result, statuses);
            result.observations().forEach(observations::set);
        }
        o.set("diagnostics", Diagnostics.toJson(d.list()));
        if (alreadyExists) {
            o.put("state_already_exists", true);
        }
        return new ClusterResult(op, o);
    }

    private void verifyCatalogForRefresh(ClusterState st, Session s) {
        for (Map.Entry<String, LedgerResource> e : new ArrayList<>(st.resources().entrySet())) {
            String a = e.getKey();
            if (!a.startsWith("query.") && !a.startsWith("policy.")) {
                continue;
            }
            switch (CatalogStore.verify(s.store, a, e.getValue().digest())) {
                case CatalogStore.Verification.Ok ok -> { }
                case CatalogStore.Verification.Missing m -> {
                    st.resources().remove(a);
                    st.statuses().put(a, ResourceStatus.of("drifted", "payload_missing", "catalog payload " + m.key() + " is missing"));
                }
                case CatalogStore.Verification.Mismatch m -> {
                    st.resources().remove(a);
                    st.statuses().put(a, ResourceStatus.of("drifted", "payload_mismatch", "catalog payload " + m.key()
                            + " does not match its digest (actual sha256:" + m.actual() + ")"));
                }
                case CatalogStore.Verification.Unreadable u -> {
                    st.statuses().put(a, ResourceStatus.of("error", "payload_read_error", u.error()));
                    s.d.error(ClusterCode.CATALOG_PAYLOAD_READ_ERROR, a, "cannot read catalog payload " + u.key() + ": " + u.error());
                }
            }
        }
        // a graph whose query digests moved gets its composite recomputed
        LedgerMath.graphs(st).forEach(g -> st.resources().put(Addresses.graph(g),
                st.resources().get(Addresses.graph(g)).withDigest(LedgerMath.composite(st, g))));
    }

    private void observeGraphs(ClusterState st, DesiredCluster desired, Session s) {
        int failures = 0;
        for (GraphSpec g : desired.graphs().values()) {
            GraphRoot root = s.root(g.id());
            GraphObservation ob;
            try {
                ob = env.plane().exists(root) ? env.plane().observe(root) : GraphObservation.absent();
            } catch (StoreException e) {
                ob = GraphObservation.broken("cannot list " + root.uri() + ": " + e.getMessage());
            }
            String ga = Addresses.graph(g.id());
            String sa = Addresses.schema(g.id());
            ObjectNode o = CanonicalJson.object();
            o.put("kind", "graph");
            o.put("address", ga);
            o.put("graph_uri", root.uri());
            o.put("observed_at", Ids.rfc3339(env.clock().instant()));
            o.put("exists", ob.exists());
            if (!ob.exists()) {
                st.resources().remove(ga);
                st.resources().remove(sa);
                ResourceStatus drift = ResourceStatus.of("drifted", "graph_missing", "graph root " + root.uri() + " does not exist");
                st.statuses().put(ga, drift);
                st.statuses().put(sa, drift);
                o.putNull("graph_manifest_version");
                o.putNull("schema_digest");
                o.put("desired_schema_digest", g.schemaDigest());
                o.putNull("schema_matches_desired");
                o.putNull("error");
            } else if (ob.opens()) {
                String live = ob.schemaDigest().orElse("");
                LedgerResource prev = st.resources().get(sa);
                st.resources().put(sa, prev == null ? LedgerResource.of(live) : prev.withDigest(live));
                LedgerResource gprev = st.resources().get(ga);
                st.resources().put(ga, gprev == null ? LedgerResource.of("") : gprev);
                st.resources().put(ga, st.resources().get(ga).withDigest(LedgerMath.composite(st, g.id())));
                boolean matches = live.equals(g.schemaDigest());
                ResourceStatus status = matches ? ResourceStatus.applied() : ResourceStatus.of("drifted", "schema_mismatch",
                        "live schema (sha256 " + live + ") differs from the declared one; the next apply migrates it back");
                st.statuses().put(ga, status);
                st.statuses().put(sa, status);
                o.put("graph_manifest_version", ob.manifestVersion().orElse(0L));
                o.put("schema_digest", live);
                o.put("desired_schema_digest", g.schemaDigest());
                o.put("schema_matches_desired", matches);
                o.putNull("error");
            } else {
                failures++;
                ResourceStatus err = ResourceStatus.of("error", "graph_observation_error", ob.error().orElse("does not open"));
                st.statuses().put(ga, err);
                st.statuses().put(sa, err);
                o.putNull("graph_manifest_version");
                o.putNull("schema_digest");
                o.put("desired_schema_digest", g.schemaDigest());
                o.putNull("schema_matches_desired");
                o.put("error", ob.error().orElse("does not open"));
            }
            st.observations().put(ga, o);
        }
        if (failures > 0) {
            s.d.error(ClusterCode.GRAPH_OBSERVATION_ERROR, "graphs", failures + " graph observation(s) failed; see"
                    + " observations[...].error (remove or repair the broken graph roots)");
        }
    }

    // ================================================================================================ authority + sweep

    private boolean authority(ClusterState st, Session s) {
        List<String> bad = LedgerMath.authorityViolations(st);
        for (String g : bad) {
            s.d.error(ClusterCode.EXTERNAL_BLOB_POLICY_DIGEST_MISMATCH, Addresses.graph(g), "the ledger's digest of graph `"
                    + g + "` does not match its own components (schema, queries, provider, external-blob policy); the"
                    + " ledger was edited or corrupted — restore the cluster state ledger from a trusted copy (or move it"
                    + " aside and run `cluster import`)");
        }
        return bad.isEmpty();
    }

    /** What a sweep decided: graphs still pending, sidecar keys to retire after the state write, approvals consumed. */
    static final class Sweep {
        final Set<String> pending = new TreeSet<>();
        final List<String> retire = new ArrayList<>();
        final List<String> consumedApprovals = new ArrayList<>();
    }

    private Sweep sweep(ClusterState st, Session s) {
        Sweep out = new Sweep();
        Sidecars.Listing l = Sidecars.list(s.store, s.display);
        s.d.addAll(l.problems());
        for (Sidecars.Entry e : l.entries()) {
            Sidecar sc = e.sidecar();
            String g = sc.graphId();
            String path = s.display + "/" + e.key();
            if (g.isBlank()) {
                s.d.warn(ClusterCode.INVALID_RECOVERY_SIDECAR, path, "sidecar names no graph; it is left in place — inspect and remove it by hand");
                continue;
            }
            GraphRoot root = s.root(g);
            GraphObservation ob;
            try {
                ob = env.plane().exists(root) ? env.plane().observe(root) : GraphObservation.absent();
            } catch (StoreException ex) {
                ob = GraphObservation.broken(ex.getMessage());
            }
            String ledgerSchema = st.digest(Addresses.schema(g)).orElse("");
            String live = ob.schemaDigest().orElse("");
            switch (sc.kind()) {
                case GRAPH_CREATE -> {
                    if (!ob.exists()) {
                        out.retire.add(e.key());
                    } else if (!ob.opens() && s.lock.isPresent() && env.plane().isInterruptedInit(root)) {
                        // the engine's init died part-way: only its own artefacts, no main branch. Like row 1 (nothing
                        // visible was created): retire, and the re-proposed create replaces the leftovers.
                        s.d.warn(ClusterCode.CLUSTER_RECOVERY_PENDING, path, "the interrupted create of graph `" + g
                                + "` left only an unfinished init at " + root.uri() + "; the create is re-proposed and"
                                + " replaces those leftovers");
                        s.resumeCreates.add(g);
                        out.retire.add(e.key());
                    } else if (!ob.opens()) {
                        ResourceStatus err = ResourceStatus.of("error", "graph_create_incomplete", "interrupted create left an unopenable root");
                        st.statuses().put(Addresses.graph(g), err);
                        st.statuses().put(Addresses.schema(g), err);
                        s.d.error(ClusterCode.GRAPH_CREATE_INCOMPLETE, root.uri(), "an interrupted create of graph `" + g
                                + "` left a root that does not open (" + ob.error().orElse("?") + "); remove the graph root and re-run apply");
                        out.pending.add(g);
                    } else {
                        settleAgainstLive(st, sc, e.key(), g, live, ledgerSchema, s, path, out);
                    }
                }
                case SCHEMA_APPLY -> {
                    if (!ob.opens()) {
                        s.d.warn(ClusterCode.CLUSTER_RECOVERY_PENDING, path, "graph `" + g + "` does not open, so the interrupted"
                                + " schema apply " + sc.operationId() + " cannot be verified; repair the graph, then re-run apply");
                        out.pending.add(g);
                    } else {
                        settleAgainstLive(st, sc, e.key(), g, live, ledgerSchema, s, path, out);
                    }
                }
                case GRAPH_DELETE -> {
                    if (!ob.exists()) {
                        // the objects are gone; finish the local directory cleanup the crash interrupted
                        io.omnigraph.cluster.graph.GraphPlane.removeEmptyLocalDirectory(root.store());
                    }
                    if (ob.exists()) {
                        s.d.warn(ClusterCode.GRAPH_DELETE_INCOMPLETE, path, "an interrupted delete of graph `" + g
                                + "` left its root in place; the approved delete is proposed and retried");
                        out.retire.add(e.key());
                    } else if (!st.resources().containsKey(Addresses.graph(g))) {
                        out.retire.add(e.key());
                    } else {
                        String now = Ids.rfc3339(env.clock().instant());
                        tombstone(st, g, now, sc.approvalId(), sc.actor());
                        ObjectNode rec = recoveryRecord(sc, now);
                        st.recoveryRecords().put(sc.operationId(), rec);
                        sc.approvalId().ifPresent(id -> {
                            ObjectNode ar = CanonicalJson.object();
                            ar.put("consumed_at", now);
                            ar.put("consumed_by_operation", sc.operationId());
                            st.approvalRecords().put(id, ar);
                            out.consumedApprovals.add(id);
                        });
                        s.d.warn(ClusterCode.CLUSTER_RECOVERY_ROLLED_FORWARD, path, "the interrupted delete of graph `" + g
                                + "` had completed; the ledger now records it (tombstone)");
                        out.retire.add(e.key());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The live graph opens: a sidecar whose effect is already in the ledger is retired, one whose effect is live but not
     * recorded is rolled forward, and anything else is drift left pending.
     */
    private void settleAgainstLive(ClusterState st, Sidecar sc, String key, String g, String live, String ledgerSchema,
                                   Session s, String path, Sweep out) {
        if (live.equals(ledgerSchema)) {
            out.retire.add(key);
        } else if (live.equals(sc.desiredSchemaDigest())) {
            rollForward(st, sc, live, s, path);
            out.retire.add(key);
        } else {
            pendingDrift(st, g, s, path, sc);
            out.pending.add(g);
        }
    }

    private void rollForward(ClusterState st, Sidecar sc, String live, Session s, String path) {
        String g = sc.graphId();
        String sa = Addresses.schema(g);
        String ga = Addresses.graph(g);
        LedgerResource prev = st.resources().get(sa);
        st.resources().put(sa, prev == null ? LedgerResource.of(live) : prev.withDigest(live));
        if (!st.resources().containsKey(ga)) {
            st.resources().put(ga, LedgerResource.of(""));
        }
        st.resources().put(ga, st.resources().get(ga).withDigest(LedgerMath.composite(st, g)));
        st.statuses().put(ga, ResourceStatus.applied());
        st.statuses().put(sa, ResourceStatus.applied());
        st.recoveryRecords().put(sc.operationId(), recoveryRecord(sc, Ids.rfc3339(env.clock().instant())));
        s.d.warn(ClusterCode.CLUSTER_RECOVERY_ROLLED_FORWARD, path, "the interrupted " + sc.kind().wire() + " of graph `" + g
                + "` had completed on the graph; the ledger was rolled forward");
    }

    private static ObjectNode recoveryRecord(Sidecar sc, String now) {
        ObjectNode rec = CanonicalJson.object();
        rec.put("kind", sc.kind().wire());
        rec.put("graph_id", sc.graphId());
        rec.put("outcome", "rolled_forward");
        rec.put("recovered_at", now);
        if (sc.actor().isPresent()) {
            rec.put("actor", sc.actor().get());
        } else {
            rec.putNull("actor");
        }
        return rec;
    }

    private static void pendingDrift(ClusterState st, String g, Session s, String path, Sidecar sc) {
        ResourceStatus drift = ResourceStatus.of("drifted", "actual_applied_state_pending", "graph changed by interrupted operation "
                + sc.operationId() + " matches neither the ledger nor the operation's target");
        st.statuses().put(Addresses.graph(g), drift);
        st.statuses().put(Addresses.schema(g), drift);
        s.d.warn(ClusterCode.CLUSTER_RECOVERY_PENDING, path, "cannot verify the interrupted " + sc.kind().wire() + " of graph `" + g
                + "`: its live schema matches neither the ledger nor the operation's target. Inspect the graph; `cluster refresh`"
                + " records what is there, then remove " + path + " once reconciled");
    }

    private static void tombstone(ClusterState st, String g, String now, Optional<String> approvalId, Optional<String> actor) {
        LedgerMath.removeSubtree(st, g);
        ObjectNode t = CanonicalJson.object();
        t.put("kind", "tombstone");
        t.put("deleted_at", now);
        if (approvalId.isPresent()) {
            t.put("approval_id", approvalId.get());
        } else {
            t.putNull("approval_id");
        }
        if (actor.isPresent()) {
            t.put("actor", actor.get());
        } else {
            t.putNull("actor");
        }
        st.observations().put(Addresses.graph(g), t);
    }

    /** After a successful state write: retire swept sidecars and mark roll-forward approvals consumed. */
    private void finishSweep(Sweep sweep, Session s) {
        deleteSidecars(sweep.retire, s);
        markConsumed(sweep.consumedApprovals, s);
    }

    private void deleteSidecars(List<String> keys, Session s) {
        for (String k : keys) {
            try {
                s.store.delete(k);
            } catch (StoreException e) {
                s.d.warn(ClusterCode.RECOVERY_SIDECAR_CLEANUP_FAILED, s.display + "/" + k, "could not remove completed recovery"
                        + " sidecar (" + e.getMessage() + "); the next state-mutating command retires it");
            }
        }
    }

    private void markConsumed(List<String> approvalIds, Session s) {
        for (String id : approvalIds) {
            String key = ClusterLayout.approvalKey(id);
            try {
                Optional<StoredObject> o = s.store.get(key);
                if (o.isPresent()) {
                    Approval a = Approval.parse(o.get().bytes());
                    if (a.consumedAt().isEmpty()) {
                        s.store.putIfMatch(key, a.consumed(Ids.rfc3339(env.clock().instant())).toBytes(), o.get().version());
                    }
                }
            } catch (StoreException | Approval.Invalid e) {
                s.d.warn(ClusterCode.APPROVAL_CONSUME_FAILED, s.display + "/" + key, "could not mark approval consumed ("
                        + e.getMessage() + "); the ledger's approval_records already records it, so it cannot be reused");
            }
        }
    }

    // ================================================================================================ apply

    public ClusterResult apply(Path dir, Optional<String> actor) {
        return new ApplyRun(dir, actor).run();
    }

    private final class ApplyRun {
        final Path dir;
        final Optional<String> actor;
        final Diagnostics d = new Diagnostics();
        final Session s;
        DesiredCluster desired;
        List<Change> changes = new ArrayList<>();
        boolean stateWritten;
        boolean converged;
        ClusterState persisted;
        final Map<String, String> failed = new LinkedHashMap<>(); // graph -> originating reason
        final List<String> completedSidecars = new ArrayList<>();
        final Map<String, Approval> approvalFor = new LinkedHashMap<>(); // gated resource -> approval
        final List<Approval> consumed = new ArrayList<>();

        ApplyRun(Path dir, Optional<String> actor) {
            this.dir = dir;
            this.actor = actor;
            this.s = new Session(env, d);
        }

        ClusterResult run() {
            desired = ConfigLoader.load(dir);
            d.addAll(desired.diagnostics());
            boolean crashed = false;
            try {
                if (desired.ok() && s.open(desired.header()) && s.lock(desired.header(), "apply")) {
                    body();
                }
            } catch (Failpoints.FailpointError fe) {
                d.error(ClusterCode.INJECTED_FAILPOINT, fe.failpoint().wire(), "injected failpoint " + fe.failpoint().wire()
                        + " stopped the apply (test builds only)");
            } catch (Failpoints.FailpointCrash | io.omnigraph.storage.wrap.SimulatedCrash crash) {
                crashed = true;
                s.abandon();
                throw crash;
            } finally {
                if (!crashed) {
                    s.close();
                }
            }
            return result();
        }

        private void body() {
            StateStore.Read read = s.states.read();
            if (read.failed()) {
                d.add(read.failure().get());
                return;
            }
            if (read.state().isEmpty()) {
                d.error(ClusterCode.STATE_MISSING, s.obs.statePath, "no state ledger; run `omnigraph cluster import` first");
                return;
            }
            ClusterState st = read.state().get();
            s.obs.state(st, read.cas());
            persisted = st.copy();
            if (!authority(st, s)) {
                return;
            }
            byte[] snapshot = st.toBytes();
            Sweep sweep = sweep(st, s);
            if (d.hasErrors()) {
                // graph_create_incomplete and the like: nothing graph-moving runs, but the sweep's findings are recorded
                write(st, snapshot, read.cas(), sweep);
                return;
            }
            changes = Planner.diff(st, desired, true);
            Approvals.Listing approvals = Approvals.load(s.store, s.display);
            d.addAll(approvals.problems());
            List<Planner.Gate> gates = Planner.gates(changes, desired.configDigest(), approvals.approvals(), st, d);
            gates.stream().filter(Planner.Gate::satisfied).forEach(g -> approvalFor.put(g.change().resource(), g.approval().get()));
            Planner.classify(changes, approvalFor.keySet(), sweep.pending, desired);
            for (Change c : changes) {
                if (c.disposition().orElse(null) == Disposition.APPLIED && Planner.gated(List.of(c)).size() == 1
                        && c.resource().startsWith("graph.") && !approvalFor.containsKey(c.resource())) {
                    d.error(ClusterCode.APPLY_APPROVAL_INVARIANT_VIOLATION, c.resource(), "internal: an ungated destructive change was classified applied");
                    return;
                }
            }
            String casBase = read.cas();
            phaseCreates(casBase);
            phaseSchemas(st, casBase);
            demote();
            warnings();
            if (!phaseCatalog()) {
                return;
            }
            env.failpoints().hit(Failpoint.AFTER_PAYLOAD_PHASE);
            phaseDeletes(casBase);
            demote();
            buildState(st);
            write(st, snapshot, read.cas(), sweep);
        }

        private List<Change> applied(String prefix, Op op) {
            return changes.stream().filter(c -> c.is(prefix, op) && c.disposition().orElse(null) == Disposition.APPLIED).toList();
        }

        private Sidecar sidecar(Sidecar.Kind kind, String g, Optional<Long> observed, String desiredDigest, String casBase,
                                Optional<String> approvalId) {
            return new Sidecar(env.ids().get(), Ids.rfc3339(env.clock().instant()), actor, kind, g, s.root(g).uri(),
                    observed, Optional.empty(), desiredDigest, Optional.of(casBase), approvalId);
        }

        private Optional<String> writeSidecar(Sidecar sc, String g) {
            try {
                return Optional.of(Sidecars.write(s.store, sc));
            } catch (StoreException e) {
                d.error(ClusterCode.RECOVERY_SIDECAR_WRITE_ERROR, s.display + "/" + ClusterLayout.sidecarKey(sc.operationId()),
                        "cannot write the recovery sidecar, so graph `" + g + "` was not touched: " + e.getMessage());
                return Optional.empty();
            }
        }

        private void rewriteSidecar(String key, Sidecar sc) {
            try {
                s.store.put(key, sc.toBytes());
            } catch (StoreException e) {
                // best effort: the sweep verifies against the graph itself
            }
        }

        private void dropSidecar(String key) {
            try {
                s.store.delete(key);
            } catch (StoreException e) {
                d.warn(ClusterCode.RECOVERY_SIDECAR_CLEANUP_FAILED, s.display + "/" + key, "nothing moved, but the recovery"
                        + " sidecar could not be removed (" + e.getMessage() + "); the graph stays quarantined until the next"
                        + " state-mutating command sweeps it");
            }
        }

        /** Re-reads a source and checks it still hashes to the planned digest. */
        private Optional<String> reread(Path file, String digest, String address, ClusterCode onReadError) {
            try {
                byte[] b = Files.readAllBytes(file);
                if (!CanonicalJson.sha256Hex(b).equals(digest)) {
                    d.error(ClusterCode.RESOURCE_CONTENT_CHANGED, address, "`" + file + "` changed while apply was running; re-run apply");
                    return Optional.empty();
                }
                return Optional.of(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                d.error(onReadError, address, "cannot re-read `" + file + "`: " + e.getMessage());
                return Optional.empty();
            }
        }

        private void phaseCreates(String casBase) {
            for (Change c : applied("graph.", Op.CREATE)) {
                String g = c.graph().orElseThrow();
                if (!failed.isEmpty()) {
                    d.warn(ClusterCode.GRAPH_CREATE_SKIPPED, c.resource(), "skipped after an earlier graph operation failed in this run");
                    failed.put(g, "dependency_not_applied");
                    continue;
                }
                GraphSpec spec = desired.graphs().get(g);
                Sidecar sc = sidecar(Sidecar.Kind.GRAPH_CREATE, g, Optional.empty(), spec.schemaDigest(), casBase, Optional.empty());
                Optional<String> key = writeSidecar(sc, g);
                if (key.isEmpty()) {
                    failed.put(g, "graph_create_failed");
                    continue;
                }
                env.failpoints().hit(Failpoint.BEFORE_GRAPH_CREATE);
                Optional<String> source = reread(spec.schemaFile(), spec.schemaDigest(), c.resource(), ClusterCode.GRAPH_CREATE_FAILED);
                if (source.isEmpty()) {
                    dropSidecar(key.get());
                    failed.put(g, "graph_create_failed");
                    continue;
                }
                GraphRoot root = s.root(g);
                try {
                    env.plane().init(root, source.get(), actor, s.resumeCreates.contains(g));
                } catch (GraphPlaneException e) {
                    d.error(ClusterCode.GRAPH_CREATE_FAILED, c.resource(), "creating graph `" + g + "` at " + root.uri()
                            + " failed: " + e.getMessage());
                    failed.put(g, "graph_create_failed");
                    continue;
                }
                GraphObservation ob = env.plane().observe(root);
                ob.manifestVersion().ifPresent(v -> rewriteSidecar(key.get(), sc.withExpected(v)));
                completedSidecars.add(key.get());
                env.failpoints().hit(Failpoint.AFTER_GRAPH_CREATE);
            }
        }

        private void phaseSchemas(ClusterState st, String casBase) {
            List<Change> todo = new ArrayList<>(applied("schema.", Op.UPDATE));
            applied("schema.", Op.CREATE).stream().filter(c -> !hasGraphCreate(changes, c)).forEach(todo::add);
            for (Change c : todo) {
                String g = c.graph().orElseThrow();
                if (!failed.isEmpty()) {
                    d.warn(ClusterCode.SCHEMA_APPLY_SKIPPED, c.resource(), "skipped after an earlier graph operation failed in this run");
                    failed.put(g, "dependency_not_applied");
                    continue;
                }
                GraphSpec spec = desired.graphs().get(g);
                GraphRoot root = s.root(g);
                GraphObservation before = env.plane().observe(root);
                if (!before.opens()) {
                    d.error(ClusterCode.SCHEMA_APPLY_FAILED, c.resource(), "graph `" + g + "` does not open: "
                            + before.error().orElse("root missing") + " (run `cluster refresh` to record its state)");
                    failed.put(g, "schema_apply_failed");
                    continue;
                }
                Optional<String> source = reread(spec.schemaFile(), spec.schemaDigest(), c.resource(), ClusterCode.SCHEMA_APPLY_FAILED);
                if (source.isEmpty()) {
                    failed.put(g, "schema_apply_failed");
                    continue;
                }
                SchemaPreview preview = env.plane().previewSchemaApply(root, source.get());
                long observed;
                switch (preview) {
                    case SchemaPreview.Rejected r -> {
                        d.error(ClusterCode.SCHEMA_APPLY_FAILED, c.resource(), "the engine refuses the schema change of `" + g
                                + "`: " + r.reason());
                        failed.put(g, "schema_apply_failed");
                        continue;
                    }
                    case SchemaPreview.Ready ready -> {
                        if (!ready.plan().supported()) {
                            d.error(ClusterCode.SCHEMA_APPLY_FAILED, c.resource(), "the schema change of `" + g + "` is not"
                                    + " supported by cluster apply: " + ready.plan().refusal().orElse("unsupported step"));
                            failed.put(g, "schema_apply_failed");
                            continue;
                        }
                        observed = ready.manifestVersion();
                    }
                }
                Sidecar sc = sidecar(Sidecar.Kind.SCHEMA_APPLY, g, Optional.of(observed), spec.schemaDigest(), casBase, Optional.empty());
                Optional<String> key = writeSidecar(sc, g);
                if (key.isEmpty()) {
                    failed.put(g, "schema_apply_failed");
                    continue;
                }
                env.failpoints().hit(Failpoint.BEFORE_SCHEMA_APPLY);
                try {
                    long v = env.plane().applySchema(root, source.get(), actor);
                    rewriteSidecar(key.get(), sc.withExpected(v));
                    completedSidecars.add(key.get());
                } catch (GraphPlaneException e) {
                    d.error(ClusterCode.SCHEMA_APPLY_FAILED, c.resource(), "schema apply on `" + g + "` failed: " + e.getMessage());
                    failed.put(g, "schema_apply_failed");
                    GraphObservation after = env.plane().observe(root);
                    boolean nothingMoved = after.opens() && after.schemaDigest().equals(before.schemaDigest())
                            && after.manifestVersion().equals(Optional.of(observed));
                    if (nothingMoved) {
                        dropSidecar(key.get());
                    }
                    continue;
                }
                env.failpoints().hit(Failpoint.AFTER_SCHEMA_APPLY);
            }
        }

        private void phaseDeletes(String casBase) {
            for (Change c : applied("graph.", Op.DELETE)) {
                String g = c.graph().orElseThrow();
                if (!failed.isEmpty()) {
                    d.warn(ClusterCode.GRAPH_DELETE_SKIPPED, c.resource(), "skipped after an earlier graph operation failed in this run");
                    failed.put(g, "dependency_not_applied");
                    continue;
                }
                Approval a = approvalFor.get(c.resource());
                GraphRoot root = s.root(g);
                GraphObservation ob = env.plane().observe(root);
                Sidecar sc = sidecar(Sidecar.Kind.GRAPH_DELETE, g, ob.manifestVersion(), "", casBase, Optional.of(a.approvalId()));
                Optional<String> key = writeSidecar(sc, g);
                if (key.isEmpty()) {
                    failed.put(g, "graph_delete_failed");
                    continue;
                }
                env.failpoints().hit(Failpoint.BEFORE_GRAPH_DELETE);
                try {
                    env.plane().deleteRoot(root);
                } catch (GraphPlaneException e) {
                    d.error(ClusterCode.GRAPH_DELETE_FAILED, c.resource(), "deleting " + root.uri() + " failed: " + e.getMessage()
                            + "; re-run apply to finish");
                    failed.put(g, "graph_delete_failed");
                    continue;
                }
                completedSidecars.add(key.get());
                consumed.add(a);
                env.failpoints().hit(Failpoint.AFTER_GRAPH_DELETE);
            }
        }

        /** Step 13: applied changes of failed graphs flip to Blocked. */
        private void demote() {
            for (Map.Entry<String, String> f : failed.entrySet()) {
                String g = f.getKey();
                for (Change c : changes) {
                    if (c.disposition().orElse(null) != Disposition.APPLIED) {
                        continue;
                    }
                    boolean own = c.graph().filter(g::equals).isPresent() && (c.resource().startsWith("graph.") || c.resource().startsWith("schema."));
                    boolean originating = own && switch (f.getValue()) {
                        case "graph_create_failed" -> c.is("graph.", Op.CREATE) || c.is("schema.", Op.CREATE);
                        case "schema_apply_failed" -> c.resource().startsWith("schema.");
                        case "graph_delete_failed" -> c.is("graph.", Op.DELETE);
                        default -> false;
                    };
                    boolean dependent = c.graph().filter(g::equals).isPresent() || (c.resource().startsWith("policy.")
                            && Optional.ofNullable(desired.policies().get(c.resource().substring(7)))
                            .map(p -> p.appliesTo().contains(Addresses.graph(g))).orElse(false));
                    if (originating) {
                        c.classify(Disposition.BLOCKED, f.getValue());
                    } else if (dependent) {
                        c.classify(Disposition.BLOCKED, Planner.DEPENDENCY_NOT_APPLIED);
                    }
                }
            }
        }

        private void warnings() {
            for (Change c : changes) {
                Disposition disp = c.disposition().orElse(null);
                if (disp == Disposition.DEFERRED) {
                    d.warn(ClusterCode.APPLY_UNSUPPORTED_CHANGE, c.resource(), c.op().wire() + " of " + c.resource()
                            + " is not something cluster apply can do (" + c.reason().orElse("") + "); it stays pending");
                } else if (disp == Disposition.BLOCKED) {
                    d.warn(ClusterCode.APPLY_DEPENDENCY_BLOCKED, c.resource(), "blocked by an unapplied or missing dependency ("
                            + c.reason().orElse("") + ")");
                }
            }
        }

        private boolean phaseCatalog() {
            for (Change c : changes) {
                if (c.disposition().orElse(null) != Disposition.APPLIED || c.op() == Op.DELETE
                        || !(c.resource().startsWith("query.") || c.resource().startsWith("policy."))) {
                    continue;
                }
                Path file;
                if (c.resource().startsWith("query.")) {
                    String g = c.graph().orElseThrow();
                    String name = c.resource().substring(("query." + g + ".").length());
                    file = desired.graphs().get(g).queries().get(name).file();
                } else {
                    file = desired.policies().get(c.resource().substring(7)).file();
                }
                Optional<ClusterDiagnostic> err = CatalogStore.publish(s.store, c.resource(), c.after().orElseThrow(), file);
                if (err.isPresent()) {
                    d.add(err.get());
                    return false;
                }
            }
            return true;
        }

        private void buildState(ClusterState st) {
            String now = Ids.rfc3339(env.clock().instant());
            for (Change c : changes) {
                Disposition disp = c.disposition().orElse(null);
                String a = c.resource();
                if (disp == Disposition.APPLIED) {
                    if (c.op() == Op.DELETE) {
                        if (a.startsWith("graph.")) {
                            String g = c.graph().orElseThrow();
                            Approval ap = approvalFor.get(a);
                            tombstone(st, g, now, Optional.of(ap.approvalId()), actor);
                            ObjectNode rec = CanonicalJson.object();
                            rec.put("consumed_at", now);
                            rec.put("consumed_by_operation", "apply");
                            st.approvalRecords().put(ap.approvalId(), rec);
                        } else {
                            st.resources().remove(a);
                            st.statuses().remove(a);
                        }
                        continue;
                    }
                    LedgerResource prev = st.resources().get(a);
                    LedgerResource next = LedgerResource.of(c.after().orElseThrow());
                    if (a.startsWith("policy.")) {
                        next = new LedgerResource(next.digest(), Optional.of(desired.policies().get(a.substring(7)).appliesTo()),
                                Optional.empty(), Optional.empty(), Optional.empty());
                    } else if (a.startsWith("provider.embedding.")) {
                        next = new LedgerResource(next.digest(), Optional.empty(), Optional.empty(),
                                Optional.of(desired.providers().get(a.substring("provider.embedding.".length())).profile()), Optional.empty());
                    } else if (a.startsWith("graph.") && prev != null) {
                        next = prev.withDigest(next.digest());
                    } else if (a.startsWith("query.")) {
                        String g = c.graph().orElseThrow();
                        DesiredCluster.QuerySpec q = desired.graphs().get(g).queries()
                                .get(a.substring(("query." + g + ".").length()));
                        next = LedgerResource.query(next.digest(), q == null || q.mcpExpose());
                    }
                    st.resources().put(a, next);
                    st.statuses().put(a, ResourceStatus.applied());
                } else if (disp == Disposition.BLOCKED && !Planner.RECOVERY_PENDING.equals(c.reason().orElse(""))) {
                    st.statuses().put(a, new ResourceStatus("blocked", List.of(c.reason().orElse("")),
                            Optional.of("waiting on an unapplied or missing dependency")));
                }
            }
            // recompute every desired graph's composite from the ledger's components
            for (GraphSpec g : desired.graphs().values()) {
                String ga = Addresses.graph(g.id());
                LedgerResource prev = st.resources().get(ga);
                if (prev == null) {
                    continue;
                }
                boolean blocked = changes.stream().anyMatch(c -> c.graph().filter(g.id()::equals).isPresent()
                        && (c.resource().startsWith("graph.") || c.resource().startsWith("schema."))
                        && c.disposition().orElse(null) == Disposition.BLOCKED);
                Optional<com.fasterxml.jackson.databind.node.ObjectNode> blobs = blocked ? prev.externalBlobPolicy() : g.externalBlobPolicy();
                LedgerResource withMeta = new LedgerResource(prev.digest(), Optional.empty(), g.embeddingProvider(), Optional.empty(), blobs);
                st.resources().put(ga, withMeta);
                String composite = LedgerMath.composite(st, g.id());
                st.resources().put(ga, withMeta.withDigest(composite));
                if (composite.equals(desired.resources().get(ga).digest())) {
                    st.statuses().put(ga, ResourceStatus.applied());
                }
            }
            List<Change> residual = Planner.diff(st, desired, true);
            converged = residual.isEmpty();
            if (converged) {
                st.setConfigDigest(Optional.of(desired.configDigest()));
            }
        }

        private void write(ClusterState st, byte[] snapshot, String expectedCas, Sweep sweep) {
            boolean changed = !Arrays.equals(st.toBytes(), snapshot);
            if (changed) {
                st.setStateRevision(st.stateRevision() + 1);
                env.failpoints().hit(Failpoint.BEFORE_STATE_WRITE);
                if (s.lockLost()) {
                    d.error(ClusterCode.STATE_LOCK_LOST, s.obs.lockPath, "the state lock lease was lost while apply ran"
                            + " (another process took it over); nothing was recorded — re-run apply, which sweeps what this run did");
                    return;
                }
                StateStore.Write w = s.states.write(st, expectedCas);
                if (!w.ok()) {
                    d.add(w.failure().get());
                    return;
                }
                stateWritten = true;
                persisted = st;
                s.obs.state(st, w.cas().get());
                env.failpoints().hit(Failpoint.AFTER_STATE_WRITE);
            } else {
                persisted = st;
            }
            List<String> done = new ArrayList<>(sweep.retire);
            done.addAll(completedSidecars);
            deleteSidecars(done, s);
            markConsumed(sweep.consumedApprovals, s);
            markConsumed(consumed.stream().map(Approval::approvalId).toList(), s);
            env.failpoints().hit(Failpoint.AFTER_SIDECAR_CLEANUP);
        }

        private ClusterResult result() {
            ObjectNode o = CanonicalJson.object();
            o.put("ok", !d.hasErrors());
            o.put("config_dir", dir.toString());
            actor.ifPresent(a -> o.put("actor", a));
            ObjectNode dr = o.putObject("desired_revision");
            if (desired.ok()) {
                dr.put("config_digest", desired.configDigest());
            }
            o.set("state_observations", s.obs.toJson(env.clock().instant()));
            ArrayNode ch = o.putArray("changes");
            changes.forEach(c -> ch.add(c.toJson()));
            long appliedCount = changes.stream().filter(c -> c.disposition().orElse(null) == Disposition.APPLIED).count();
            long deferred = changes.stream().filter(c -> c.disposition().filter(x -> x == Disposition.DEFERRED
                    || x == Disposition.BLOCKED).isPresent()).count();
            o.put("applied_count", appliedCount);
            o.put("deferred_count", deferred);
            o.put("converged", converged && !d.hasErrors());
            o.put("state_written", stateWritten);
            ObjectNode statuses = o.putObject("resource_statuses");
            if (persisted != null) {
                statusesJson(persisted, statuses);
            }
            o.set("diagnostics", Diagnostics.toJson(d.list()));
            return new ClusterResult("apply", o);
        }
    }

    // ================================================================================================ helpers

    private static ObjectNode digests(DesiredCluster desired) {
        ObjectNode o = CanonicalJson.object();
        desired.resources().forEach((k, v) -> o.put(k, v.digest()));
        return o;
    }

    private static ArrayNode deps(DesiredCluster desired) {
        ArrayNode a = CanonicalJson.MAPPER.createArrayNode();
        desired.dependencies().forEach(e -> a.addObject().put("from", e.from()).put("to", e.to()));
        return a;
    }

    static void statusesJson(ClusterState st, ObjectNode into) {
        ObjectNode full = st.toJson();
        full.path("resource_statuses").properties().forEach(e -> into.set(e.getKey(), e.getValue()));
    }

    @SuppressWarnings("unused")
    private static Instant now(ClusterEnvironment env) {
        return env.clock().instant();
    }
}
