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
        steps.add(pending("queries", "run the stored queries find_person, who_works_on, project_load", "query execution"));
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
        steps.add(pending("merge", "ruth reviews the diff and merges agent-1/onboarding into main", "branch merge"));
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

    private static DemoStep pending(String id, String title, String capability) {
        return new DemoStep(id, title, run -> StepOutcome.notAvailable(capability + " is not built yet"));
    }
}
