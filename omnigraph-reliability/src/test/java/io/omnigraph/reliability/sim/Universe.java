package io.omnigraph.reliability.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.api.BranchMergeRequest;
import io.omnigraph.engine.api.BranchMergeResult;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.api.SchemaApplyResult;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Entropy;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.maintenance.IndexHook;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.maintenance.OptimizeResult;
import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.merge.MergeOutcome;
import io.omnigraph.engine.merge.MergeResult;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.policy.Actor;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.Parallel;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore;
import io.omnigraph.storage.wrap.SimulatedCrash;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated universe of the engine: a seeded random schema, then a stream of loads, mutations, branch creates and
 * deletes, merges, schema applies and optimizes, issued by two simulated processes over one in-memory store, each
 * process behind its own seeded fault injector (412, 409, 503, timeouts, landed-then-412, landed-then-timeout,
 * truncated lists, a crash before any store call). Concurrent writers are deterministic interleavings: the other
 * process runs a whole write right before this one's branch-ref compare-and-swap.
 *
 * <p>After every step the oracles compare the published state with the {@link Model}: every branch's rows and head,
 * the branch set, an old commit re-read, query results twice (warm process handle, cold-ish observer) against the
 * model, referential integrity; every 10 steps and at the end a repair scan. A success must be fully applied, a typed
 * failure invisible, a storage failure or crash either invisible or fully applied; a crashed process is discarded, a
 * new one is started on the same store and the interrupted command re-run, which must converge.
 *
 * <p>Everything random flows from the seed ({@link SeedTree}); store calls happen in one order
 * ({@link Parallel#sequentially}); so a failure's {@code seed=N} replays exactly.
 */
final class Universe {
    static final int STEPS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Optional<Actor> ACTOR = Optional.of(Actor.of("sim"));

    /** A broken oracle or invariant: the message carries the seed and the step. */
    static final class Violation extends AssertionError {
        Violation(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final long seed;
    private final SeedTree tree;
    private final SplittableRandom rnd;
    private final FaultPlan.Profile profile;
    private final Stats stats;
    private final ObjectStore shared;
    private final AtomicLong micros = new AtomicLong(1_763_000_000_000_000L);
    private final Proc[] procs = new Proc[2];
    private final List<String> trace = new ArrayList<>();
    private final boolean verbose;
    private Model model;
    private Graph observer;
    private int observerIncarnation;
    private int step;
    private int nextBranch;
    private int nextEdge;
    /** The source head a merge started from: an interleaved write may move the source while the merge is in flight. */
    private Optional<String> mergeSourceAtStart = Optional.empty();

    /** One simulated process: its fault injector, interleaving hook and engine handle. */
    private final class Proc {
        final int id;
        int incarnation;
        FaultInjectingObjectStore faults;
        FaultPlan plan;
        HookStore hook;
        Graph graph;
        SimulatedCrash crashedWith;

        Proc(int id) {
            this.id = id;
        }

        void start() {
            incarnation++;
            faults = new FaultInjectingObjectStore(shared);
            plan = new FaultPlan(faults, profile, tree.child("faults-" + id + "-" + incarnation), stats.faults);
            hook = new HookStore(faults);
            plan.enabled(false);
            graph = OmniGraph.open(hook, OpenOptions.defaults().withStoreOptions(options("entropy-" + id + "-" + incarnation)));
            plan.enabled(true);
        }

        /** The process died: drop its handle and caches; the store is all that survives. */
        void discard() {
            stats.storeCalls.addAndGet(faults.calls());
            try {
                graph.close();
            } catch (RuntimeException ignored) {
                // a dead process closes nothing; the handle is simply dropped
            }
            graph = null;
        }
    }

    Universe(long seed, Stats stats, Sabotage.Mode sabotage, boolean verbose) {
        this.seed = seed;
        this.tree = new SeedTree(seed);
        this.rnd = tree.random("ops");
        this.profile = FaultPlan.Profile.random(tree.random("profile"));
        this.stats = stats;
        this.verbose = verbose;
        this.shared = sabotage == Sabotage.Mode.NONE ? new InMemoryObjectStore() : new Sabotage(new InMemoryObjectStore(), sabotage);
    }

    private GraphStoreOptions options(String entropyLabel) {
        return GraphStoreOptions.defaults().withClock(() -> micros.addAndGet(1000))
                .withEntropy(Entropy.seeded(tree.child(entropyLabel))).withSleeper(d -> { })
                .withDataCacheBytes(32L << 20);
    }

    /** Runs the universe; returns its trace (one line per step) for the determinism check. */
    List<String> run() {
        return Parallel.sequentially(() -> {
            try {
                body();
            } catch (Violation v) {
                throw v;
            } catch (RuntimeException | AssertionError e) {
                throw violation("unexpected " + e, e);
            } finally {
                for (Proc p : procs) {
                    if (p != null && p.graph != null) {
                        p.discard();
                    }
                }
                if (observer != null) {
                    observer.close();
                }
            }
            stats.universes.incrementAndGet();
            return trace;
        });
    }

    private void body() {
        SimSchema schema = SimSchema.random(tree.random("schema"));
        trace("profile " + profile + " schema " + schema.pg().replace('\n', ' '));
        String genesis;
        try (Graph g = OmniGraph.init(shared, schema.pg(), InitOptions.defaults().withStoreOptions(options("init")))) {
            genesis = g.store().readBranch("main").headCommitId();
        }
        model = new Model(schema, genesis);
        for (int i = 0; i < procs.length; i++) {
            procs[i] = new Proc(i);
            procs[i].start();
        }
        newObserver();
        for (step = 1; step <= STEPS; step++) {
            Op op = generate(true);
            int p = rnd.nextInt(procs.length);
            Op other = null;
            if (op.writes().isPresent() && rnd.nextDouble() < 0.2) {
                other = generateWriteOn(rnd.nextDouble() < 0.7 ? op.writes().get() : randomBranch());
            }
            long crashAt = profile.crashPerOp() > 0 && rnd.nextDouble() < profile.crashPerOp() ? 1 + rnd.nextInt(14) : -1;
            stats.steps.incrementAndGet();
            perform(p, op, other, crashAt);
            checkAll(step % 10 == 0);
        }
        checkAll(true);
    }

    // ------------------------------------------------------------------------------------------------ generation

    private String randomBranch() {
        List<String> names = new ArrayList<>(model.heads.keySet());
        return names.get(rnd.nextInt(names.size()));
    }

    private Op generate(boolean allowBranchOps) {
        int r = rnd.nextInt(100);
        if (allowBranchOps) {
            if (r < 12) {
                String name = rnd.nextInt(10) == 0 && model.heads.size() > 1 ? randomBranch() : "b" + (++nextBranch);
                return new Op.CreateBranch(name, rnd.nextInt(15) == 0 ? "nope" : randomBranch());
            }
            if (r < 17) {
                return new Op.DeleteBranch(rnd.nextInt(8) == 0 ? "main" : randomBranch());
            }
            if (r < 32 && model.heads.size() > 1) {
                String src = randomBranch();
                String tgt = randomBranch();
                return new Op.Merge(src, tgt.equals(src) ? "main" : tgt);
            }
            if (r < 37) {
                Optional<SimSchema> next = model.schema.evolve(rnd);
                if (next.isPresent()) {
                    return new Op.SchemaApply(next.get());
                }
            }
            if (r < 40) {
                return new Op.Optimize();
            }
        }
        String branch = rnd.nextInt(30) == 0 ? "gone" + rnd.nextInt(3) : randomBranch();
        return generateWriteOn(branch);
    }

    private Op generateWriteOn(String branch) {
        SimSchema s = model.schema;
        State state = model.heads.containsKey(branch) ? model.state(branch) : State.empty(s);
        int r = rnd.nextInt(100);
        SimSchema.NodeT t = s.nodes().get(rnd.nextInt(s.nodes().size()));
        if (r < 40) {
            return load(branch, s, state);
        }
        if (r < 55) {
            return new Op.Insert(branch, t.name(), nodeName(state, t.name()), props(t.props()));
        }
        if (r < 75) {
            SimSchema.Prop p = t.props().get(rnd.nextInt(t.props().size()));
            return new Op.Update(branch, t.name(), nodeName(state, t.name()), p.name(), SimSchema.value(rnd, p.type()));
        }
        if (r < 88 || s.edges().isEmpty()) {
            return new Op.DeleteNode(branch, t.name(), nodeName(state, t.name()));
        }
        SimSchema.EdgeT e = s.edges().get(rnd.nextInt(s.edges().size()));
        return new Op.DeleteEdgesFrom(branch, e.name(), nodeName(state, e.from()));
    }

    /** Mostly an existing node (so updates and deletes hit), sometimes a fresh one. */
    private String nodeName(State state, String type) {
        List<String> existing = new ArrayList<>(state.rows(type).keySet());
        if (!existing.isEmpty() && rnd.nextInt(4) != 0) {
            return existing.get(rnd.nextInt(existing.size()));
        }
        return "n" + rnd.nextInt(12);
    }

    private Map<String, Object> props(List<SimSchema.Prop> props) {
        Map<String, Object> out = new TreeMap<>();
        for (SimSchema.Prop p : props) {
            if (rnd.nextInt(4) != 0) {
                out.put(p.name(), SimSchema.value(rnd, p.type()));
            }
        }
        return out;
    }

    private Op load(String branch, SimSchema s, State state) {
        int m = rnd.nextInt(10);
        String mode = m < 6 ? "merge" : m < 9 ? "append" : "overwrite";
        List<Op.Rec> recs = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            SimSchema.NodeT t = s.nodes().get(rnd.nextInt(s.nodes().size()));
            String name = "n" + rnd.nextInt(12);
            if (used.add(t.name() + "/" + name)) {
                recs.add(new Op.Rec(t.name(), name, false, null, null, props(t.props())));
            }
        }
        if (!s.edges().isEmpty()) {
            int k = rnd.nextInt(4);
            for (int i = 0; i < k; i++) {
                SimSchema.EdgeT e = s.edges().get(rnd.nextInt(s.edges().size()));
                String id = rnd.nextInt(3) == 0 && !state.rows(e.name()).isEmpty()
                        ? new ArrayList<>(state.rows(e.name()).keySet()).get(rnd.nextInt(state.rows(e.name()).size()))
                        : "e" + (++nextEdge);
                if (used.add(e.name() + "/" + id)) {
                    recs.add(new Op.Rec(e.name(), id, true, endpoint(state, recs, e.from()), endpoint(state, recs, e.to()),
                            props(e.props())));
                }
            }
        }
        return new Op.Load(branch, mode, recs);
    }

    /** An endpoint that usually exists (in the branch or earlier in the file); sometimes a dangling one. */
    private String endpoint(State state, List<Op.Rec> recs, String type) {
        List<String> candidates = new ArrayList<>(state.rows(type).keySet());
        recs.stream().filter(r -> !r.edge() && r.type().equals(type)).forEach(r -> candidates.add(r.id()));
        if (candidates.isEmpty() || rnd.nextInt(12) == 0) {
            return "n" + rnd.nextInt(12);
        }
        return candidates.get(rnd.nextInt(candidates.size()));
    }

    // ------------------------------------------------------------------------------------------------ execution

    private sealed interface Outcome {
        record Ok(Object result) implements Outcome {
        }

        record Failed(EngineException error) implements Outcome {
        }

        record Crashed(SimulatedCrash crash) implements Outcome {
        }
    }

    private void perform(int p, Op op, Op other, long crashAt) {
        Proc proc = procs[p];
        if (other != null) {
            Proc second = procs[1 - p];
            proc.hook.beforeNextRefSwap(() -> {
                stats.interleavings.incrementAndGet();
                trace("  interleaved on p" + second.id + ": " + other);
                Outcome o = execute(second, other);
                resolveAndRecover(second, other, o, true);
            });
        }
        if (crashAt > 0) {
            proc.plan.armCrash(crashAt);
        }
        long callsBefore = proc.faults.calls();
        mergeSourceAtStart = op instanceof Op.Merge m ? Optional.ofNullable(model.heads.get(m.source())) : Optional.empty();
        Outcome o = execute(proc, op);
        proc.hook.clear();
        proc.plan.disarmCrash();
        if (o instanceof Outcome.Crashed) {
            stats.crashPoints.add(op.kind() + "#" + (proc.faults.calls() - callsBefore) + ":" + crashCallKind(proc));
        }
        trace("step " + step + " p" + p + " " + op + " -> " + describe(o));
        resolveAndRecover(proc, op, o, false);
    }

    private static String crashCallKind(Proc proc) {
        String m = String.valueOf(proc.crashedWith == null ? "" : proc.crashedWith.getMessage());
        int i = m.indexOf('(');
        return i < 0 ? "?" : m.substring(i + 1, Math.max(i + 1, m.indexOf(' ', i)));
    }

    private void resolveAndRecover(Proc proc, Op op, Outcome o, boolean interleaved) {
        State before = resolve(op, o, false);
        if (o instanceof Outcome.Crashed) {
            stats.crashes.incrementAndGet();
            proc.discard();
            proc.start();
            newObserver();
            checkAll(true);
            // every crash is recoverable by re-running the interrupted command on a fresh process
            proc.plan.enabled(false);
            Outcome again = execute(proc, op);
            proc.plan.enabled(true);
            trace("  re-run after crash -> " + describe(again));
            if (again instanceof Outcome.Crashed c) {
                throw violation("the recovery run crashed without injected faults: " + c.crash().getMessage(), c.crash());
            }
            resolve(op, again, true);
            assertRecovered(op, before);
            stats.recoveries.incrementAndGet();
        }
    }

    private Outcome execute(Proc proc, Op op) {
        Graph g = proc.graph;
        try {
            Object result = switch (op) {
                case Op.Load l -> g.load(ACTOR, LoadRequest.of(new ByteArrayInputStream(ndjson(l).getBytes(StandardCharsets.UTF_8)),
                        l.branch(), LoadMode.valueOf(l.mode().toUpperCase(java.util.Locale.ROOT))));
                case Op.Insert i -> {
                    StringBuilder decl = new StringBuilder("$n: String");
                    StringBuilder body = new StringBuilder("name: $n");
                    ObjectNode params = JSON.createObjectNode().put("n", i.name());
                    int k = 0;
                    for (SimSchema.Prop p : model.schema.props(i.type())) {
                        if (i.props().containsKey(p.name())) {
                            decl.append(", $p").append(k).append(": ").append(p.type());
                            body.append(", ").append(p.name()).append(": $p").append(k);
                            params.set("p" + k, JSON.valueToTree(i.props().get(p.name())));
                            k++;
                        }
                    }
                    yield g.mutate(ACTOR, MutationRequest.of("query q(" + decl + ") { insert " + i.type() + " { " + body + " } }",
                            i.branch()).withParams(params));
                }
                case Op.Update u -> {
                    String type = model.schema.props(u.type()).stream().filter(p -> p.name().equals(u.prop())).findFirst()
                            .orElseThrow().type();
                    ObjectNode params = JSON.createObjectNode().put("n", u.name());
                    params.set("v", JSON.valueToTree(u.value()));
                    yield g.mutate(ACTOR, MutationRequest.of("query q($n: String, $v: " + type + ") { update " + u.type()
                            + " set { " + u.prop() + ": $v } where name = $n }", u.branch()).withParams(params));
                }
                case Op.DeleteNode d -> g.mutate(ACTOR, MutationRequest.of("query q($n: String) { delete " + d.type()
                        + " where name = $n }", d.branch()).withParams(JSON.createObjectNode().put("n", d.name())));
                case Op.DeleteEdgesFrom d -> g.mutate(ACTOR, MutationRequest.of("query q($s: String) { delete " + d.edge()
                        + " where from = $s }", d.branch()).withParams(JSON.createObjectNode().put("s", d.src())));
                case Op.CreateBranch c -> g.createBranch(ACTOR, c.name(), c.from());
                case Op.DeleteBranch d -> {
                    g.deleteBranch(ACTOR, d.name());
                    yield "deleted";
                }
                case Op.Merge m -> g.history().merge(ACTOR, BranchMergeRequest.of(m.source(), m.target()));
                case Op.SchemaApply a -> g.applySchema(ACTOR, a.next().pg(), false);
                case Op.Optimize o -> Maintenance.optimize(g, Optional.of("sim"), IndexHook.NONE);
            };
            return new Outcome.Ok(result);
        } catch (RuntimeException e) {
            SimulatedCrash crash = crashIn(e);
            if (crash != null) {
                proc.crashedWith = crash;
                return new Outcome.Crashed(crash);
            }
            if (e instanceof EngineException ee) {
                return new Outcome.Failed(ee);
            }
            throw violation(op + " threw an untyped " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

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

    private static String ndjson(Op.Load l) {
        StringBuilder sb = new StringBuilder();
        for (Op.Rec r : l.records()) {
            ObjectNode rec = JSON.createObjectNode();
            ObjectNode data = JSON.createObjectNode();
            if (r.edge()) {
                rec.put("edge", r.type()).put("from", r.from()).put("to", r.to());
                data.put("id", r.id());
            } else {
                rec.put("type", r.type());
                data.put("name", r.id());
            }
            r.props().forEach((k, v) -> data.set(k, JSON.valueToTree(v)));
            rec.set("data", data);
            sb.append(rec).append('\n');
        }
        return sb.toString();
    }

    private static String describe(Outcome o) {
        return switch (o) {
            case Outcome.Ok ok -> "ok " + switch (ok.result()) {
                case LoadResult l -> "commit " + l.commit().graphCommitId();
                case MutationResult m -> m.commit().map(c -> "commit " + c.graphCommitId()).orElse("no commit");
                case BranchMergeResult m -> m.merge().outcome().wire() + m.merge().commit().map(c -> " " + c.id()).orElse("");
                case SchemaApplyResult a -> a.commit().map(c -> "commit " + c.graphCommitId()).orElse("not applied");
                case OptimizeResult r -> r.commit().map(c -> "commit " + c.graphCommitId()).orElse("nothing to compact");
                default -> String.valueOf(ok.result());
            };
            case Outcome.Failed f -> "failed " + f.error().code().code() + ": " + f.error().getMessage();
            case Outcome.Crashed c -> "crashed: " + c.crash().getMessage();
        };
    }

    // ------------------------------------------------------------------------------------------------ resolution

    /** Whether a failure leaves the outcome unknown (storage trouble): then "not applied" and "fully applied" both hold. */
    private static boolean ambiguous(Outcome o) {
        return o instanceof Outcome.Crashed || (o instanceof Outcome.Failed f && f.error() instanceof EngineException.Storage);
    }

    /**
     * Checks an op's outcome against the model and the published state, then advances the model. Returns the state
     * the op started from (of the branch it writes), for the recovery check.
     */
    private State resolve(Op op, Outcome o, boolean recoveryRun) {
        stats.outcome(op.kind() + (recoveryRun ? "/rerun" : "") + ":" + switch (o) {
            case Outcome.Ok ok -> "ok";
            case Outcome.Failed f -> f.error().code().code();
            case Outcome.Crashed c -> "crash";
        });
        return switch (op) {
            case Op.CreateBranch c -> {
                resolveCreate(c, o);
                yield null;
            }
            case Op.DeleteBranch d -> {
                resolveDelete(d, o);
                yield null;
            }
            case Op.Merge m -> resolveMerge(m, o);
            default -> resolveData(op, o);
        };
    }

    private void resolveCreate(Op.CreateBranch c, Outcome o) {
        boolean valid = !model.heads.containsKey(c.name()) && model.heads.containsKey(c.from());
        Optional<String> observed = observedHead(c.name());
        switch (o) {
            case Outcome.Ok ok -> {
                require(valid, "branch create " + c + " succeeded but the model expected a failure");
                require(observed.equals(Optional.of(model.heads.get(c.from()))), "created branch " + c.name()
                        + " is at " + observed + ", expected the head of " + c.from());
                model.heads.put(c.name(), observed.get());
            }
            case Outcome.Failed f when !ambiguous(o) -> {
                require(!valid || !(f.error() instanceof EngineException.Invalid), "valid branch create refused: " + f.error());
                if (!model.heads.containsKey(c.name())) {
                    require(observed.isEmpty(), "failed branch create left branch " + c.name() + " behind");
                }
            }
            default -> {
                if (!model.heads.containsKey(c.name()) && observed.isPresent()) {
                    require(valid && observed.get().equals(model.heads.get(c.from())), "half-created branch " + c.name());
                    model.heads.put(c.name(), observed.get());
                }
            }
        }
    }

    private void resolveDelete(Op.DeleteBranch d, Outcome o) {
        boolean valid = model.heads.containsKey(d.name()) && !d.name().equals("main");
        Optional<String> observed = observedHead(d.name());
        switch (o) {
            case Outcome.Ok ok -> {
                require(valid, "branch delete " + d + " succeeded but the model expected a failure");
                require(observed.isEmpty(), "deleted branch " + d.name() + " is still there");
                model.heads.remove(d.name());
            }
            case Outcome.Failed f when !ambiguous(o) -> {
                if (model.heads.containsKey(d.name())) {
                    require(observed.equals(Optional.of(model.heads.get(d.name()))), "failed delete moved branch " + d.name());
                }
            }
            default -> {
                if (observed.isEmpty()) {
                    model.heads.remove(d.name());
                }
            }
        }
    }

    private State resolveData(Op op, Outcome o) {
        String branch = op.writes().orElseThrow();
        if (!model.heads.containsKey(branch)) {
            require(!(o instanceof Outcome.Ok), op + " on a missing branch succeeded");
            require(observedHead(branch).isEmpty(), op + " created branch " + branch);
            return null;
        }
        String prevHead = model.heads.get(branch);
        State before = model.state(branch);
        Model.Expect exp = model.expect(op, before);
        Optional<String> head = observedHead(branch);
        require(head.isPresent(), "branch " + branch + " vanished during " + op);
        boolean moved = !head.get().equals(prevHead);
        switch (o) {
            case Outcome.Ok ok -> {
                if (exp instanceof Model.Expect.Invalid inv) {
                    throw violation(op + " succeeded but the model rejects it: " + inv.why(), null);
                }
                Optional<String> commit = commitOf(ok.result());
                require(commit.map(c -> c.equals(head.get())).orElse(!moved), op + " reported commit " + commit
                        + " but " + branch + " is at " + head.get() + " (was " + prevHead + ")");
            }
            case Outcome.Failed f when !ambiguous(o) -> {
                require(!moved, "failed " + op + " (" + f.error().code().code() + ") is visible: " + branch + " moved to " + head.get());
                return before;
            }
            default -> {
                if (!moved) {
                    return before;
                }
                require(exp instanceof Model.Expect.Valid, "an invalid " + op + " became visible after " + o);
            }
        }
        if (moved) {
            adopt(branch, prevHead, head.get(), ((Model.Expect.Valid) exp).state(), op);
            if (op instanceof Op.SchemaApply a) {
                model.schema = a.next();
            }
        } else {
            State observed = observe(ReadTarget.branch(branch));
            require(observed.equals(((Model.Expect.Valid) exp).state()) || observed.equals(before),
                    op + " published nothing, but " + branch + " differs:" + before.diff(observed));
        }
        return before;
    }

    /** A new head on a branch: its first parent must be the previous head, its rows what the model expects. */
    private void adopt(String branch, String prevHead, String newHead, State expected, Op op) {
        Commit c = observer.store().commit(newHead);
        require(c.parents().getFirst().equals(prevHead), op + ": new head " + newHead + " of " + branch
                + " has first parent " + c.parents().getFirst() + ", expected " + prevHead + " (a lost or reordered write)");
        State observed = observe(ReadTarget.branch(branch));
        require(observed.equals(expected), op + ": published state of " + branch + " differs from the model:"
                + expected.diff(observed));
        model.commit(branch, newHead, c.parents(), expected);
    }

    private State resolveMerge(Op.Merge m, Outcome o) {
        if (!model.heads.containsKey(m.source()) || !model.heads.containsKey(m.target())) {
            require(!(o instanceof Outcome.Ok), m + " with a missing branch succeeded");
            return null;
        }
        String prevHead = model.heads.get(m.target());
        // the merge reads the source once; a write interleaved before its publish may have moved the source since
        Set<String> sources = new TreeSet<>();
        sources.add(model.heads.get(m.source()));
        mergeSourceAtStart.filter(model.dag::containsKey).ifPresent(sources::add);
        State before = model.state(m.target());
        Optional<String> engineBase = o instanceof Outcome.Ok ok && ok.result() instanceof BranchMergeResult r
                ? r.merge().mergeBase() : Optional.empty();
        Map<String, Model.MergeExpect> exps = new TreeMap<>();
        for (String sh : sources) {
            exps.put(sh, model.expectMergeOf(sh, prevHead, engineBase));
        }
        Optional<String> head = observedHead(m.target());
        require(head.isPresent(), "merge target vanished");
        boolean moved = !head.get().equals(prevHead);
        Commit mergeCommit = moved ? observer.store().commit(head.get()) : null;
        if (moved) {
            require(mergeCommit.parents().size() == 2 && mergeCommit.parents().getFirst().equals(prevHead)
                    && sources.contains(mergeCommit.parents().get(1)), m + ": merge commit parents " + mergeCommit.parents()
                    + ", expected [" + prevHead + ", one of " + sources + "]");
        }
        if (exps.values().stream().anyMatch(e -> e instanceof Model.MergeExpect.Ambiguous)) {
            stats.outcome("merge:ambiguous_base");
        }
        switch (o) {
            case Outcome.Ok ok -> {
                MergeResult r = ((BranchMergeResult) ok.result()).merge();
                require(r.commit().map(c -> c.id().equals(head.get())).orElse(!moved), m + ": reported commit does not match the head");
                boolean explained = false;
                for (Model.MergeExpect exp : moved ? List.of(exps.get(mergeCommit.parents().get(1))) : exps.values()) {
                    MergeOutcome want = switch (exp) {
                        case Model.MergeExpect.UpToDate u -> MergeOutcome.ALREADY_UP_TO_DATE;
                        case Model.MergeExpect.FastForward f -> MergeOutcome.FAST_FORWARD;
                        case Model.MergeExpect.Merged mm -> MergeOutcome.MERGED;
                        case Model.MergeExpect.Conflicts cs -> null;
                        case Model.MergeExpect.Ambiguous a -> r.outcome();
                    };
                    explained |= r.outcome() == want;
                }
                require(explained, m + ": outcome " + r.outcome() + ", model expects " + exps.values());
            }
            case Outcome.Failed f when !ambiguous(o) -> {
                require(!moved, "failed " + m + " is visible");
                if (f.error() instanceof EngineException.MergeConflicts mc) {
                    Set<String> got = new TreeSet<>();
                    for (MergeConflict c : mc.conflicts()) {
                        got.add(c.kind().rowLevel() ? c.kind().wire() + ":" + c.typeName() + ":" + c.entityId().orElse("?")
                                : c.kind().wire());
                    }
                    boolean explained = false;
                    for (Model.MergeExpect exp : exps.values()) {
                        if (exp instanceof Model.MergeExpect.Ambiguous) {
                            explained = true;
                        } else if (exp instanceof Model.MergeExpect.Conflicts cs) {
                            Set<String> want = new TreeSet<>();
                            cs.conflicts().forEach(x -> want.add(x.startsWith("orphan_edge") ? "orphan_edge" : x));
                            explained |= got.equals(want);
                        }
                    }
                    require(explained, m + ": conflicts " + got + ", model expects " + exps.values());
                }
                return before;
            }
            default -> {
                if (!moved) {
                    return before;
                }
            }
        }
        if (moved) {
            Model.MergeExpect exp = exps.get(mergeCommit.parents().get(1));
            State expected = switch (exp) {
                case Model.MergeExpect.FastForward f -> f.state();
                case Model.MergeExpect.Merged mm -> mm.state();
                case Model.MergeExpect.Ambiguous a -> observe(ReadTarget.branch(m.target()));
                default -> throw violation(m + " moved the target, but the model expects " + exp, null);
            };
            State observed = observe(ReadTarget.branch(m.target()));
            require(observed.equals(expected), m + ": merged state differs from the model:" + expected.diff(observed));
            model.commit(m.target(), head.get(), mergeCommit.parents(), expected);
        }
        return before;
    }

    /** After a crash and one clean re-run, the op's effect is in place exactly once. */
    private void assertRecovered(Op op, State before) {
        switch (op) {
            case Op.CreateBranch c -> {
                if (model.heads.containsKey(c.from()) || observedHead(c.name()).isPresent()) {
                    require(observedHead(c.name()).isPresent() || !model.heads.containsKey(c.from()),
                            "branch " + c.name() + " missing after re-run");
                }
            }
            case Op.DeleteBranch d -> require(d.name().equals("main") || observedHead(d.name()).isEmpty(),
                    "branch " + d.name() + " still there after re-run");
            case Op.Merge m -> {
                // re-running a merge converges: the source is now contained in the target, or it conflicts (unchanged)
            }
            default -> {
                String branch = op.writes().orElseThrow();
                if (before != null && model.heads.containsKey(branch)
                        && model.expect(op, before) instanceof Model.Expect.Valid v && !(op instanceof Op.SchemaApply)) {
                    State now = model.state(branch);
                    require(now.equals(v.state()), "after a crash and a re-run, " + op + " is not applied exactly once:"
                            + v.state().diff(now));
                }
            }
        }
    }

    private static Optional<String> commitOf(Object result) {
        return switch (result) {
            case LoadResult l -> Optional.of(l.commit().graphCommitId());
            case MutationResult m -> m.commit().map(CommitInfo::graphCommitId);
            case SchemaApplyResult a -> a.commit().map(CommitInfo::graphCommitId);
            case OptimizeResult r -> r.commit().map(CommitInfo::graphCommitId);
            default -> Optional.empty();
        };
    }

    // ------------------------------------------------------------------------------------------------ observation

    private void newObserver() {
        if (observer != null) {
            observer.close();
        }
        observerIncarnation++;
        observer = OmniGraph.open(shared, OpenOptions.defaults().withStoreOptions(options("observer-" + observerIncarnation)));
    }

    private Optional<String> observedHead(String branch) {
        return observer.store().findBranch(branch).map(h -> h.headCommitId());
    }

    /** The published rows of a branch or commit, read through the fault-free observer, plus integrity checks. */
    private State observe(ReadTarget target) {
        ReadView v = observer.read(Optional.empty(), target);
        State.Builder b = State.builder();
        for (EntityType t : v.schema().types()) {
            TableData data = v.table(t);
            boolean edge = t instanceof EdgeType;
            b.rows(t.name());
            Set<String> seen = new TreeSet<>();
            for (int r = 0; r < data.rowCount(); r++) {
                String id = data.ids().getString(r);
                require(seen.add(id), "duplicate id '" + id + "' in " + t.name() + " at " + target);
                Map<String, Object> row = new TreeMap<>();
                for (var p : t.properties()) {
                    Object val = data.column(p.name()).get(r);
                    if (val != null) {
                        row.put(p.name(), val);
                    }
                }
                if (edge) {
                    row.put(State.FROM, ((StringColumn) data.column(1)).getString(r));
                    row.put(State.TO, ((StringColumn) data.column(2)).getString(r));
                }
                b.put(t.name(), id, row);
            }
        }
        State s = b.build();
        stats.checks.incrementAndGet();
        return s;
    }

    /** The oracles that hold after every step. */
    private void checkAll(boolean deep) {
        List<String> branches = observer.branches(Optional.empty());
        require(new TreeSet<>(branches).equals(model.heads.keySet()), "branches " + branches + ", model " + model.heads.keySet());
        for (Map.Entry<String, String> e : model.heads.entrySet()) {
            require(observedHead(e.getKey()).equals(Optional.of(e.getValue())), "branch " + e.getKey() + " is at "
                    + observedHead(e.getKey()) + ", the model at " + e.getValue() + " (an acknowledged write lost?)");
            State observed = observe(ReadTarget.branch(e.getKey()));
            State expected = model.state(e.getKey());
            require(observed.equals(expected), "branch " + e.getKey() + " differs from the model:" + expected.diff(observed));
            List<String> problems = observed.integrityProblems(model.schema);
            require(problems.isEmpty(), "published snapshot of " + e.getKey() + " breaks integrity: " + problems);
        }
        // old snapshots are immutable
        String old = model.someCommit(rnd);
        State then = observe(ReadTarget.commit(old));
        require(then.equals(model.dag.get(old).state()), "commit " + old + " changed since it was published:"
                + model.dag.get(old).state().diff(then));
        // query results: deterministic across handles, and what the model says
        String branch = randomBranch();
        SimSchema.NodeT t = model.schema.nodes().get(rnd.nextInt(model.schema.nodes().size()));
        String q = "query q() { match { $x: " + t.name() + " } return { $x.name } order { $x.name } }";
        List<List<Value>> a = queryRows(procs[rnd.nextInt(procs.length)].graph, q, branch);
        List<List<Value>> b = queryRows(observer, q, branch);
        require(a.equals(b), "the same query gave different rows on two handles: " + a + " vs " + b);
        List<String> names = new ArrayList<>();
        b.forEach(row -> names.add(String.valueOf(row.getFirst())));
        List<String> want = new ArrayList<>(model.state(branch).rows(t.name()).keySet());
        require(names.size() == want.size() && names.stream().map(Universe::unquote).toList().equals(want),
                "query rows " + names + " differ from the model " + want);
        if (deep) {
            var repair = Maintenance.repair(observer, false);
            require(repair.classification().equals("no_drift"), "repair finds the graph broken: " + repair);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private List<List<Value>> queryRows(Graph g, String q, String branch) {
        Graph handle = g == null ? observer : g;
        try {
            return handle.query(ACTOR, QueryRequest.of(q).onBranch(branch)).rows();
        } catch (EngineException.Storage e) {
            // a process handle may hit an injected fault: read through the observer instead
            return observer.query(ACTOR, QueryRequest.of(q).onBranch(branch)).rows();
        } catch (RuntimeException e) {
            if (crashIn(e) != null) {
                return observer.query(ACTOR, QueryRequest.of(q).onBranch(branch)).rows();
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ reporting

    private void trace(String line) {
        trace.add(line);
        if (verbose) {
            System.out.println("[seed=" + seed + "] " + line);
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw violation(message, null);
        }
    }

    Violation violation(String message, Throwable cause) {
        StringBuilder sb = new StringBuilder();
        sb.append("simulation invariant broken: seed=").append(seed).append(" step=").append(step).append(": ")
                .append(message).append("\n  replay: ").append(replayCommand(seed)).append("\n  last steps:");
        for (String l : trace.subList(Math.max(0, trace.size() - 8), trace.size())) {
            sb.append("\n    ").append(l);
        }
        return new Violation(sb.toString(), cause);
    }

    static String replayCommand(long seed) {
        return "./mvnw -B -pl omnigraph-reliability -am verify -Dtest=SimulationTest#replay -Dsim.seed=" + seed
                + " -Dsurefire.failIfNoSpecifiedTests=false";
    }
}
