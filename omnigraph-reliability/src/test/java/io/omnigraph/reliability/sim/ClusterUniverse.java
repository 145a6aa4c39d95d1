package io.omnigraph.reliability.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.graph.EngineGraphPlane;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.format.EngineClock;
import io.omnigraph.engine.format.Entropy;
import io.omnigraph.engine.format.UlidGenerator;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.Parallel;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore;
import io.omnigraph.storage.wrap.PrefixedObjectStore;
import io.omnigraph.storage.wrap.SimulatedCrash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One simulated universe of the control plane: a random {@code cluster.yaml} evolving step by step (graphs added,
 * schemas evolved, queries and policies changed, graphs deleted through the approval gate, rows loaded into graphs),
 * each change converged by {@code cluster apply} over an in-memory storage root behind a seeded fault injector that may
 * also crash the process before any store call. A crashed process is dropped; a new one (new control plane, new
 * engine handles) re-runs apply after the crashed holder's lease ran out on the simulated clock.
 *
 * <p>After convergence the oracles check, with faults off: a second apply has nothing to do and writes no state;
 * status is clean (no catalog payload problems, lock free); plan is empty; refresh finds no drift; no recovery sidecar
 * and no lock file are left; every declared graph opens with exactly the declared schema text, holds exactly the rows
 * loaded into it and passes the repair scan; every deleted graph's root is empty.
 */
final class ClusterUniverse {
    static final int STEPS = 8;
    static final Duration LEASE = Duration.ofHours(1);

    final long seed;
    private final SeedTree tree;
    private final SplittableRandom rnd;
    private final FaultPlan.Profile profile;
    private final Stats stats;
    private final InMemoryObjectStore mem;
    private final AtomicLong micros = new AtomicLong(1_763_000_000_000_000L);
    private final List<String> trace = new ArrayList<>();
    private final Path dir;

    private final Map<String, SimSchema> graphs = new TreeMap<>();
    private final Map<String, Map<String, String>> queries = new TreeMap<>();
    private final Map<String, String> policyText = new TreeMap<>();
    private final Map<String, String> policyScope = new TreeMap<>();
    private final Map<String, Map<String, Integer>> rows = new TreeMap<>();
    private final List<String> deleted = new ArrayList<>();
    private int nextGraph;
    private int incarnation;
    private int step;

    private FaultInjectingObjectStore faults;
    private FaultPlan plan;
    private ClusterControlPlane cp;

    private final ObjectStore durable;

    ClusterUniverse(long seed, Stats stats) {
        this(seed, stats, Sabotage.Mode.NONE);
    }

    /** With {@code sabotage}, the control plane's writes go through deliberately broken storage (oracle sensitivity). */
    ClusterUniverse(long seed, Stats stats, Sabotage.Mode sabotage) {
        this.seed = seed;
        this.tree = new SeedTree(seed);
        this.rnd = tree.random("cluster-ops");
        this.profile = FaultPlan.Profile.random(tree.random("cluster-profile"));
        this.stats = stats;
        this.mem = new InMemoryObjectStore("cluster-sim-" + seed);
        this.durable = sabotage == Sabotage.Mode.NONE ? new ForwardingStore(mem) { } : new Sabotage(mem, sabotage);
        try {
            this.dir = Files.createTempDirectory("cluster-sim-" + seed + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A simulated clock: every reading advances it by one millisecond; {@link #advance} jumps (lease expiry). */
    private final class SimClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            long us = micros.addAndGet(1000);
            return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        }
    }

    private void advance(Duration d) {
        micros.addAndGet(d.toNanos() / 1000);
    }

    private GraphStoreOptions engineOptions(String label) {
        return GraphStoreOptions.defaults().withClock(() -> micros.addAndGet(1000))
                .withEntropy(Entropy.seeded(tree.child(label))).withSleeper(d -> { }).withDataCacheBytes(16L << 20);
    }

    /** A new simulated process: its own fault schedule, engine handles and control plane. */
    private void startProcess() {
        incarnation++;
        if (faults != null) {
            stats.storeCalls.addAndGet(faults.calls());
        }
        faults = new FaultInjectingObjectStore(durable);
        plan = new FaultPlan(faults, profile, tree.child("cluster-faults-" + incarnation), stats.faults);
        EngineClock engineClock = () -> micros.addAndGet(1000);
        UlidGenerator ids = new UlidGenerator(engineClock, Entropy.seeded(tree.child("cluster-ids-" + incarnation)));
        FaultInjectingObjectStore store = faults;
        ClusterEnvironment env = new ClusterEnvironment(new EngineGraphPlane(engineOptions("cluster-engine-" + incarnation)),
                loc -> store, new SimClock(), LEASE, Failpoints.none(), "sim@host:" + incarnation, ids::next);
        cp = new ClusterControlPlane(env);
    }

    List<String> run() {
        return Parallel.sequentially(() -> {
            try {
                body();
            } catch (Universe.Violation v) {
                throw v;
            } catch (RuntimeException | AssertionError e) {
                throw violation("unexpected " + e, e);
            } finally {
                deleteDir();
                if (faults != null) {
                    stats.storeCalls.addAndGet(faults.calls());
                }
            }
            stats.universes.incrementAndGet();
            return trace;
        });
    }

    private void body() {
        startProcess();
        addGraph();
        writeConfig();
        JsonNode imp = clean(() -> cp.importState(dir).json());
        require(imp.path("ok").asBoolean(), "import failed: " + imp);
        converge("initial apply");
        for (step = 1; step <= STEPS; step++) {
            stats.steps.incrementAndGet();
            int r = rnd.nextInt(100);
            String what;
            if (r < 20 && graphs.size() < 3) {
                what = "add graph " + addGraph();
            } else if (r < 45) {
                String g = someGraph();
                Optional<SimSchema> next = graphs.get(g).evolve(rnd);
                if (next.isEmpty()) {
                    continue;
                }
                graphs.put(g, next.get());
                what = "evolve schema of " + g;
            } else if (r < 60) {
                String g = someGraph();
                String name = "q" + rnd.nextInt(3);
                queries.get(g).put(name, queryText(g, name));
                what = "set query " + g + "." + name;
            } else if (r < 72) {
                String name = "p" + rnd.nextInt(2);
                String text = policy(rnd.nextInt(4));
                String scope = someGraph(); // graph-bound bundles (server-level bundles carry other actions)
                if (policyScope.entrySet().stream().anyMatch(e -> !e.getKey().equals(name) && e.getValue().equals(scope))) {
                    continue; // one bundle per scope
                }
                policyText.put(name, text);
                policyScope.put(name, scope);
                what = "set policy " + name + " on " + scope;
            } else if (r < 82 && graphs.size() > 1) {
                String g = someGraph();
                graphs.remove(g);
                queries.remove(g);
                rows.remove(g);
                policyScope.entrySet().removeIf(e -> {
                    if (e.getValue().equals(g)) {
                        policyText.remove(e.getKey());
                        return true;
                    }
                    return false;
                });
                deleted.add(g);
                writeConfig();
                JsonNode ap = clean(() -> cp.approve(dir, "graph." + g, "andrew").json());
                require(ap.path("ok").asBoolean(), "approval failed: " + ap);
                what = "delete graph " + g;
            } else {
                String g = someGraph();
                loadRows(g);
                trace("step " + step + " load rows into " + g);
                continue;
            }
            writeConfig();
            converge("step " + step + " " + what);
        }
    }

    // ------------------------------------------------------------------------------------------------ desired state

    private String someGraph() {
        List<String> ids = new ArrayList<>(graphs.keySet());
        return ids.get(rnd.nextInt(ids.size()));
    }

    private String addGraph() {
        String id = "g" + (++nextGraph);
        graphs.put(id, SimSchema.random(rnd));
        queries.put(id, new TreeMap<>());
        queries.get(id).put("q0", queryText(id, "q0"));
        rows.put(id, new TreeMap<>());
        return id;
    }

    private String queryText(String graph, String name) {
        SimSchema s = graphs.get(graph);
        SimSchema.NodeT t = s.nodes().get(rnd.nextInt(s.nodes().size()));
        StringBuilder ret = new StringBuilder("$x.name");
        if (rnd.nextBoolean()) {
            ret.append(", $x.").append(t.props().get(rnd.nextInt(t.props().size())).name());
        }
        return "query " + name + "() {\n    match { $x: " + t.name() + " }\n    return { " + ret + " }\n}\n";
    }

    private static String policy(int variant) {
        String members = switch (variant) {
            case 0 -> "[andrew]";
            case 1 -> "[andrew, act-operator]";
            case 2 -> "[act-operator]";
            default -> "[andrew, bob, carol]";
        };
        return "version: 1\ngroups:\n  ops: " + members + "\nrules:\n  - id: ops-change\n    allow:\n"
                + "      actors: { group: ops }\n      actions: [change" + (variant % 2 == 0 ? ", read" : "") + "]\n";
    }

    private void writeConfig() {
        StringBuilder y = new StringBuilder("version: 1\nmetadata:\n  name: sim\nstate: { backend: cluster, lock: true }\ngraphs:\n");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
            Files.createDirectories(dir.resolve("queries"));
            for (Map.Entry<String, SimSchema> g : graphs.entrySet()) {
                Files.writeString(dir.resolve(g.getKey() + ".pg"), g.getValue().pg());
                y.append("  ").append(g.getKey()).append(":\n    schema: ").append(g.getKey()).append(".pg\n    queries:\n");
                for (Map.Entry<String, String> q : queries.get(g.getKey()).entrySet()) {
                    String file = "queries/" + g.getKey() + "-" + q.getKey() + ".gq";
                    Files.writeString(dir.resolve(file), q.getValue());
                    y.append("      ").append(q.getKey()).append(": { file: ").append(file).append(" }\n");
                }
            }
            if (!policyText.isEmpty()) {
                y.append("policies:\n");
                for (Map.Entry<String, String> p : policyText.entrySet()) {
                    Files.writeString(dir.resolve(p.getKey() + ".policy.yaml"), p.getValue());
                    y.append("  ").append(p.getKey()).append(":\n    file: ").append(p.getKey()).append(".policy.yaml\n")
                            .append("    applies_to: [").append(policyScope.get(p.getKey())).append("]\n");
                }
            }
            Files.writeString(dir.resolve("cluster.yaml"), y.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loadRows(String g) {
        SimSchema s = graphs.get(g);
        SimSchema.NodeT t = s.nodes().getFirst();
        StringBuilder nd = new StringBuilder();
        Map<String, Integer> expect = rows.get(g);
        int n = 1 + rnd.nextInt(5);
        java.util.Set<String> inThisLoad = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            String name = "r" + rnd.nextInt(20);
            if (!inThisLoad.add(name)) {
                continue; // a @key appears once per load
            }
            nd.append("{\"type\":\"").append(t.name()).append("\",\"data\":{\"name\":\"").append(name).append("\"}}\n");
            expect.put(t.name() + "/" + name, 1);
        }
        try (Graph graph = openGraph(g)) {
            graph.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(nd.toString().getBytes(StandardCharsets.UTF_8)),
                    "main", LoadMode.MERGE));
        }
    }

    private Graph openGraph(String g) {
        ObjectStore root = new PrefixedObjectStore(new ForwardingStore(mem) { }, ClusterLayout.graphRootKey(g));
        return OmniGraph.open(root, OpenOptions.defaults().withStoreOptions(engineOptions("reader-" + g + "-" + step)));
    }

    // ------------------------------------------------------------------------------------------------ converging

    private JsonNode clean(java.util.function.Supplier<JsonNode> action) {
        plan.enabled(false);
        try {
            return action.get();
        } finally {
            plan.enabled(true);
        }
    }

    /** Applies until converged: faults on for the first attempts (a crash restarts the process), then clean. */
    private void converge(String what) {
        for (int attempt = 1; attempt <= 6; attempt++) {
            boolean faulty = attempt <= 3;
            plan.enabled(faulty);
            if (faulty && profile.crashPerOp() > 0 && rnd.nextDouble() < profile.crashPerOp() * 2) {
                plan.armCrash(1 + rnd.nextInt(60));
            }
            long before = faults.calls();
            JsonNode result;
            try {
                result = cp.apply(dir, Optional.of("andrew")).json();
            } catch (RuntimeException e) {
                SimulatedCrash crash = crashIn(e);
                if (crash == null) {
                    throw violation(what + ": apply threw " + e, e);
                }
                stats.crashes.incrementAndGet();
                stats.crashPoints.add("cluster_apply#" + (faults.calls() - before));
                trace(what + " attempt " + attempt + ": crashed after " + (faults.calls() - before) + " store calls");
                startProcess();
                advance(LEASE.plusSeconds(1)); // the dead holder's lease runs out
                stats.recoveries.incrementAndGet();
                continue;
            } finally {
                plan.disarmCrash();
                plan.enabled(true);
            }
            stats.outcome("cluster_apply:" + (result.path("converged").asBoolean() ? "converged" : result.path("ok").asBoolean()
                    ? "not_converged" : "failed"));
            trace(what + " attempt " + attempt + ": ok=" + result.path("ok").asBoolean() + " converged="
                    + result.path("converged").asBoolean() + (result.path("ok").asBoolean() ? ""
                    : " diagnostics=" + result.path("diagnostics")));
            if (result.path("ok").asBoolean() && result.path("converged").asBoolean()) {
                if (mem.exists(ClusterLayout.LOCK_KEY)) {
                    // releasing the lock is best effort: a faulted delete leaves it until its lease runs out
                    require(faulty, what + ": a fault-free apply left its lock behind");
                    stats.outcome("lock_left_until_lease_expiry");
                    trace(what + ": lock release faulted; waiting out the lease");
                    advance(LEASE.plusSeconds(1));
                }
                checkConverged(what);
                return;
            }
            if (!faulty) {
                // a clean re-run that does not converge: it must at least say why; a held lock is waited out
                advance(LEASE.plusSeconds(1));
            }
        }
        throw violation(what + ": apply did not converge after 6 attempts (3 of them without faults)", null);
    }

    private void checkConverged(String what) {
        plan.enabled(false);
        try {
            JsonNode again = cp.apply(dir, Optional.of("andrew")).json();
            require(again.path("ok").asBoolean() && again.path("changes").isEmpty() && !again.path("state_written").asBoolean(),
                    what + ": a second apply is not a no-op: " + again);
            JsonNode status = cp.status(dir).json();
            require(status.path("ok").asBoolean(), what + ": status not ok: " + status);
            require(!status.path("state_observations").path("locked").asBoolean(), what + ": the lock is still held");
            require(!status.path("diagnostics").toString().contains("catalog_payload"), what + ": catalog problems: " + status);
            JsonNode planned = cp.plan(dir).json();
            require(planned.path("changes").isEmpty(), what + ": plan is not empty after convergence: " + planned);
            JsonNode refresh = cp.refresh(dir).json();
            require(refresh.path("ok").asBoolean() && !refresh.toString().contains("\"drifted\""),
                    what + ": refresh finds drift: " + refresh);
            require(mem.list(ClusterLayout.RECOVERIES_PREFIX).isEmpty(), what + ": recovery sidecars left: "
                    + mem.list(ClusterLayout.RECOVERIES_PREFIX));
            require(!mem.exists(ClusterLayout.LOCK_KEY), what + ": lock file left behind");
            for (Map.Entry<String, SimSchema> g : graphs.entrySet()) {
                try (Graph graph = openGraph(g.getKey())) {
                    String source = graph.schemaSource(Optional.empty(), "main");
                    require(source.equals(g.getValue().pg()), what + ": graph " + g.getKey() + " runs another schema:\n"
                            + source + "\nexpected:\n" + g.getValue().pg());
                    ReadView v = graph.read(Optional.empty(), ReadTarget.branch("main"));
                    Map<String, Integer> found = new TreeMap<>();
                    for (SimSchema.NodeT t : g.getValue().nodes()) {
                        TableData data = v.table(v.schema().nodeType(t.name()).orElseThrow());
                        for (int r = 0; r < data.rowCount(); r++) {
                            found.put(t.name() + "/" + data.ids().getString(r), 1);
                        }
                    }
                    require(found.equals(rows.get(g.getKey())), what + ": graph " + g.getKey() + " rows " + found.keySet()
                            + ", expected " + rows.get(g.getKey()).keySet());
                    require(Maintenance.repair(graph, false).classification().equals("no_drift"), what + ": graph "
                            + g.getKey() + " fails the repair scan");
                }
            }
            for (String g : deleted) {
                require(mem.list(ClusterLayout.graphRootKey(g) + "/").isEmpty(), what + ": deleted graph " + g
                        + " left objects behind");
            }
            stats.checks.incrementAndGet();
        } finally {
            plan.enabled(true);
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private static SimulatedCrash crashIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SimulatedCrash c) {
                return c;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof SimulatedCrash c) {
                    return c;
                }
            }
        }
        return null;
    }

    private void deleteDir() {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private void trace(String line) {
        trace.add(line);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw violation(message, null);
        }
    }

    private Universe.Violation violation(String message, Throwable cause) {
        StringBuilder sb = new StringBuilder("cluster simulation invariant broken: seed=").append(seed).append(" step=")
                .append(step).append(": ").append(message).append("\n  replay: ")
                .append("./mvnw -B -pl omnigraph-reliability -am verify -Dtest=ClusterSimulationTest#replay -Dsim.seed=")
                .append(seed).append(" -Dsurefire.failIfNoSpecifiedTests=false\n  last steps:");
        for (String l : trace.subList(Math.max(0, trace.size() - 8), trace.size())) {
            sb.append("\n    ").append(l);
        }
        return new Universe.Violation(sb.toString(), cause);
    }
}
