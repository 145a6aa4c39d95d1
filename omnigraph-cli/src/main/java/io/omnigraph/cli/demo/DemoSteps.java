package io.omnigraph.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cluster.graph.EngineGraphPlane;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.cluster.ops.ClusterResult;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.TypeCount;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.policy.Actor;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo loop after the layout step: the cluster loop (validate → import → plan → apply as andrew) and the seed load
 * run for real against the engine; steps whose capability is not on main yet report "not available".
 */
final class DemoSteps {
    static final String ACTOR = "andrew";

    private DemoSteps() {
    }

    static List<DemoStep> after(boolean noServe, String bind) {
        List<DemoStep> steps = new ArrayList<>();
        steps.add(new DemoStep("validate", "omnigraph cluster validate --config <dir>", r -> {
            JsonNode v = check(cp().validate(r.dir()));
            return StepOutcome.done("cluster config valid: " + v.path("resource_digests").size() + " resources, "
                    + v.path("dependencies").size() + " dependencies");
        }));
        steps.add(new DemoStep("import", "omnigraph cluster import --config <dir>", r -> {
            JsonNode i = check(cp().importState(r.dir()));
            return StepOutcome.done("state ledger created (revision "
                    + i.path("state_observations").path("state_revision").asLong() + ")");
        }));
        steps.add(new DemoStep("plan", "omnigraph cluster plan --config <dir>", r -> {
            JsonNode p = check(cp().plan(r.dir()));
            return StepOutcome.done(p.path("changes").size() + " change(s) planned: " + summary(p));
        }));
        steps.add(new DemoStep("apply", "omnigraph cluster apply --config <dir> --as " + ACTOR, r -> {
            JsonNode a = check(cp().apply(r.dir(), Optional.of(ACTOR)));
            return StepOutcome.done(a.path("changes").size() + " change(s) applied by " + ACTOR + ", converged: "
                    + a.path("converged").asBoolean());
        }));
        steps.add(new DemoStep("load", "omnigraph load --data seed.jsonl --mode overwrite <dir>/graphs/knowledge.omni", r -> {
            String uri = r.dir().resolve("graphs/knowledge.omni").toString();
            LoadResult l;
            try (InputStream in = Files.newInputStream(r.dir().resolve("seed.jsonl")); Graph g = Engines.open(uri)) {
                l = Engines.call(() -> g.load(Optional.of(Actor.of(ACTOR)), LoadRequest.of(in, "main", LoadMode.OVERWRITE)));
            }
            return StepOutcome.done("loaded " + l.totalEntities() + " entities (nodes: " + counts(l.nodes()) + "; edges: "
                    + counts(l.edges()) + ") in commit " + l.commit().graphCommitId());
        }));
        steps.add(new DemoStep("queries", "run the stored queries who_works_on(atlas), project_load, unassigned", r -> {
            String uri = r.dir().resolve("graphs/knowledge.omni").toString();
            String gq = Files.readString(r.dir().resolve("queries/people.gq"));
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> lines = new ArrayList<>();
            try (Graph g = Engines.open(uri)) {
                for (String[] q : new String[][]{{"who_works_on", "{\"project\":\"atlas\"}"}, {"project_load", "{}"},
                        {"unassigned", "{}"}}) {
                    io.omnigraph.engine.query.QueryResult res = Engines.call(() -> {
                        try {
                            return g.query(Optional.empty(), new io.omnigraph.engine.api.QueryRequest(gq, "queries/people.gq",
                                    Optional.of(q[0]), Optional.of(m.readTree(q[1])), io.omnigraph.engine.snapshot.ReadTarget.branch("main"),
                                    io.omnigraph.engine.query.ExecOptions.defaults()));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    lines.add(q[0] + ": " + res.rowCount() + " row(s)");
                    io.omnigraph.engine.output.OutputFormat.TABLE.render(res).lines().skip(1)
                            .forEach(l -> lines.add("      " + l));
                }
            }
            return StepOutcome.done(String.join("\n    ", lines));
        }));
        steps.add(new DemoStep("branch", "agent-1 opens branch agent-1/onboarding, adds a person and an assignment", r -> {
            String uri = r.dir().resolve("graphs/knowledge.omni").toString();
            String gq = Files.readString(r.dir().resolve("queries/changes.gq"));
            Optional<Actor> agent = Optional.of(Actor.of("agent-1"));
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
            try (Graph g = Engines.open(uri)) {
                Engines.call(() -> g.createBranch(agent, "agent-1/onboarding", "main"));
                MutationResult p = Engines.call(() -> g.mutate(agent, MutationRequest.of(gq, "agent-1/onboarding")
                        .inFile("changes.gq").named("add_person").withParams(m.createObjectNode().put("slug", "nia")
                                .put("name", "Nia").put("role", "engineer").put("team", "platform"))));
                MutationResult a = Engines.call(() -> g.mutate(agent, MutationRequest.of(gq, "agent-1/onboarding")
                        .inFile("changes.gq").named("assign").withParams(m.createObjectNode().put("person", "nia")
                                .put("project", "atlas"))));
                return StepOutcome.done("branch agent-1/onboarding created; add_person inserted " + p.affectedNodes()
                        + " node(s), assign inserted " + a.affectedEdges() + " edge(s); main is unchanged until merged");
            }
        }));
        steps.add(new DemoStep("merge", "ruth reviews the diff and merges agent-1/onboarding into main", r -> {
            String uri = r.dir().resolve("graphs/knowledge.omni").toString();
            try (Graph g = Engines.open(uri)) {
                Optional<Actor> ruth = Optional.of(Actor.of("ruth"));
                int changes = Engines.call(() -> g.history().diff(ruth, io.omnigraph.engine.snapshot.ReadTarget.branch("main"),
                        io.omnigraph.engine.snapshot.ReadTarget.branch("agent-1/onboarding"),
                        io.omnigraph.engine.diff.ChangeFilter.all())).size();
                io.omnigraph.engine.api.BranchMergeResult m = Engines.call(() -> g.history().merge(ruth,
                        io.omnigraph.engine.api.BranchMergeRequest.of("agent-1/onboarding", "main").deletingSource()));
                return StepOutcome.done("diff: " + changes + " entity change(s); " + m.merge().outcome().name().toLowerCase()
                        .replace('_', '-') + " into main" + m.merge().commit().map(c -> " (commit " + c.id() + ")").orElse("")
                        + (m.branchDeleted().orElse(false) ? "; branch agent-1/onboarding deleted" : ""));
            }
        }));
        if (!noServe) {
            steps.add(new DemoStep("serve", "omnigraph-server --cluster <dir> --bind " + bind, run -> DemoServe.serve(run, bind)));
        }
        return steps;
    }

    private static ClusterControlPlane cp() {
        return new ClusterControlPlane(ClusterEnvironment.standard(new EngineGraphPlane()));
    }

    private static JsonNode check(ClusterResult r) {
        if (!r.ok()) {
            List<String> errs = new ArrayList<>();
            r.json().path("diagnostics").forEach(d -> {
                if (d.path("severity").asText().equals("error")) {
                    errs.add(d.path("code").asText() + ": " + d.path("message").asText());
                }
            });
            throw new CliException("demo_step_failed", String.join("; ", errs));
        }
        return r.json();
    }

    private static String summary(JsonNode p) {
        java.util.Map<String, Integer> byKind = new java.util.TreeMap<>();
        p.path("changes").forEach(c -> byKind.merge(c.path("operation").asText() + " "
                + c.path("resource").asText().split("\\.")[0], 1, Integer::sum));
        return byKind.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String counts(List<TypeCount> c) {
        return c.isEmpty() ? "none" : c.stream().map(x -> x.name() + " " + x.entitiesLoaded()).collect(Collectors.joining(", "));
    }
}
