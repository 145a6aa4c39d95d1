package io.omnigraph.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.policy.Actor;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.wrap.PrefixedObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed operator guide (docs/cluster.md) as an executable test through the real {@code omnigraph} command line, on
 * the bundled company-brain example, against the real engine: graphs are created, loaded, migrated, read back by time
 * travel, drifted out of band through the engine API, deleted, and maintained by {@code --cluster} addressing.
 */
class OperatorGuideE2ETest {
    @TempDir
    Path tmp;
    Path dir;
    Path home;
    final Map<String, String> env = new HashMap<>();

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err);
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        dir = tmp.resolve("company-brain");
        home = tmp.resolve("home");
        Files.createDirectories(home);
        String base = "/io/omnigraph/cli/demo/company-brain/";
        try (InputStream list = getClass().getResourceAsStream(base + "files.txt")) {
            for (String f : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (f.isBlank()) {
                    continue;
                }
                Path target = dir.resolve(f.trim());
                Files.createDirectories(target.getParent());
                try (InputStream in = getClass().getResourceAsStream(base + f.trim())) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        env.put("OMNIGRAPH_HOME", home.toString());
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run c(String... args) {
        List<String> a = new ArrayList<>(List.of("cluster"));
        a.addAll(List.of(args));
        a.add("--config");
        a.add(dir.toString());
        return run(a.toArray(String[]::new));
    }

    JsonNode cj(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--json");
        return c(a.toArray(String[]::new)).json();
    }

    void edit(String rel, String from, String to) throws IOException {
        Path p = dir.resolve(rel);
        String s = Files.readString(p);
        assertThat(s).contains(from);
        Files.writeString(p, s.replace(from, to));
    }

    GraphRoot root(String id) {
        ObjectStore s = ObjectStores.open(dir.toString());
        return new GraphRoot(id, ClusterLayout.graphUri(s.location(), id), new PrefixedObjectStore(s, ClusterLayout.graphRootKey(id)));
    }

    String graphUri() {
        return dir.resolve("graphs/knowledge.omni").toString();
    }

    Graph openGraph(String id) {
        return OmniGraph.open(root(id).store(), OpenOptions.defaults());
    }

    /** Loads the bundled seed with the real CLI and returns the number of records in it. */
    int loadSeed() throws IOException {
        Run l = run("load", "--data", dir.resolve("seed.jsonl").toString(), "--mode", "overwrite", graphUri());
        assertThat(l.code()).as(l.out() + l.err()).isZero();
        assertThat(l.err()).contains("omnigraph load → " + graphUri() + " (direct, local)");
        assertThat(l.out()).contains("loaded 32 entities into main");
        return (int) Files.readAllLines(dir.resolve("seed.jsonl")).stream().filter(x -> !x.isBlank()).count();
    }

    List<String> export(String... extra) {
        List<String> a = new ArrayList<>(List.of("export", graphUri()));
        a.addAll(List.of(extra));
        Run e = run(a.toArray(String[]::new));
        assertThat(e.code()).as(e.err()).isZero();
        return e.out().lines().filter(x -> !x.isBlank()).sorted().toList();
    }

    static JsonNode change(JsonNode r, String res) {
        for (JsonNode c : r.path("changes")) {
            if (c.path("resource").asText().equals(res)) {
                return c;
            }
        }
        throw new AssertionError("no change " + res + " in " + r.path("changes"));
    }

    void deploy() {
        for (String cmd : List.of("validate", "import", "apply")) {
            Run r = c(cmd);
            assertThat(r.code()).as(cmd + ": " + r.out() + r.err()).isZero();
        }
    }

    @Test
    void section1DeployFromZero() throws IOException {
        Run v = c("validate");
        assertThat(v.code()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("cluster config valid");
        Run i = c("import");
        assertThat(i.code()).as(i.out()).isZero();
        Run p = c("plan");
        assertThat(p.code()).isZero();
        assertThat(p.out()).contains("cluster plan: ").contains("  + Create graph.knowledge").contains("to create, ");
        assertThat(c("plan", "--detailed-exitcode").code()).isEqualTo(2);
        Run a = c("apply");
        assertThat(a.code()).as(a.out() + a.err()).isZero();
        assertThat(a.out()).contains("  Create graph.knowledge [Applied]").contains("converged: true");
        assertThat(dir.resolve("graphs/knowledge.omni")).isDirectory();
        assertThat(dir.resolve("__cluster/resources/query/knowledge")).isDirectory();
        assertThat(dir.resolve("__cluster/resources/policy/base")).isDirectory();
        assertThat(dir.resolve("__cluster/state.json")).exists();
        Run again = c("apply");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("nothing to do");
        assertThat(c("plan", "--detailed-exitcode").code()).isZero();
        assertThat(c("import").code()).as("import on an existing ledger is not an error").isZero();
        assertThat(c("import").out()).contains("already exists");
        JsonNode st = cj("status");
        assertThat(st.path("resource_statuses").path("graph.knowledge").path("status").asText()).isEqualTo("applied");
        // the graph is real: genesis commit by the apply's actor, then rows through the normal data plane
        try (Graph g = openGraph("knowledge")) {
            assertThat(g.info(Optional.empty()).graphManifestVersion()).isEqualTo(1);
        }
        int records = loadSeed();
        Run snap = run("snapshot", graphUri(), "--json");
        assertThat(snap.code()).as(snap.err()).isZero();
        long people = 0;
        for (JsonNode d : snap.json().path("datasets")) {
            if (d.path("type_name").asText().equals("Person")) {
                people = d.path("entity_count").asLong();
            }
        }
        assertThat(people).isEqualTo(7);
        assertThat(export()).hasSize(records);
        assertThat(export("--type", "Project")).hasSize(4).allMatch(l -> l.contains("\"type\":\"Project\""));
        // refresh observes the load as a new manifest version, and nothing drifts
        JsonNode r = cj("refresh");
        assertThat(r.path("observations").path("graph.knowledge").path("graph_manifest_version").asLong()).isEqualTo(2);
        assertThat(r.path("resource_statuses").path("schema.knowledge").path("status").asText()).isEqualTo("applied");
        assertThat(cj("plan").path("changes")).isEmpty();
    }

    @Test
    void section2EachChangeKind() throws IOException {
        deploy();
        int records = loadSeed();
        edit("queries/people.gq", "return { $p.slug, $p.name, $p.role, $p.team }", "return { $p.slug, $p.name }");
        edit("server.policy.yaml", "everyone-lists-graphs", "all-list-graphs");
        edit("cluster.yaml", "schema: people.pg", "schema: people.pg\n    queries: queries/");
        edit("cluster.yaml", "    queries: queries/                # every `query <name>` in queries/*.gq registers\n", "");
        JsonNode p = cj("plan");
        assertThat(change(p, "query.knowledge.find_person").path("operation").asText()).isEqualTo("update");
        assertThat(change(p, "policy.server").path("operation").asText()).isEqualTo("update");
        assertThat(cj("apply").path("converged").asBoolean()).isTrue();
        // schema change + a query using the new field converge in one apply
        edit("people.pg", "bio: String? @index", "bio: String? @index\n    pronouns: String?");
        edit("queries/people.gq", "return { $p.slug, $p.name }", "return { $p.slug, $p.name, $p.pronouns }");
        JsonNode p2 = cj("plan");
        JsonNode sc = change(p2, "schema.knowledge");
        assertThat(sc.path("migration").path("steps").toString()).contains("add_property").contains("pronouns");
        assertThat(c("plan").out()).contains("  ~ Update schema.knowledge").contains("{\"kind\":\"add_property\"");
        JsonNode a = cj("apply", "--as", "andrew");
        assertThat(a.path("converged").asBoolean()).as(a.toPrettyString()).isTrue();
        assertThat(a.path("actor").asText()).isEqualTo("andrew");
        try (Graph g = openGraph("knowledge")) {
            CommitInfo head = g.commits(Optional.empty(), "main", 1).get(0);
            assertThat(head.operation()).isEqualTo("schema_apply");
            assertThat(head.actorId()).contains("andrew");
            assertThat(g.schemaSource(Optional.empty(), "main")).contains("pronouns: String?");
        }
        // the data stayed, and the new field is writable and readable right away
        assertThat(export()).hasSize(records);
        Path more = tmp.resolve("pronouns.jsonl");
        Files.writeString(more, "{\"type\":\"Person\",\"data\":{\"slug\":\"ruth\",\"name\":\"Ruth\",\"role\":\"manager\","
                + "\"pronouns\":\"she/her\"}}\n");
        Run m = run("load", "--data", more.toString(), "--mode", "merge", graphUri(), "--quiet");
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(m.err()).doesNotContain("omnigraph load →");
        assertThat(export("--type", "Person")).hasSize(7).anyMatch(l -> l.contains("\"pronouns\":\"she/her\""));
        // bindings are first-class: a new graph, and the base policy now also covers it
        Files.writeString(dir.resolve("scratch.pg"), "node Note {\n    slug: String @key\n}\n");
        edit("cluster.yaml", "policies:", "  scratch:\n    schema: scratch.pg\npolicies:");
        edit("cluster.yaml", "applies_to: [knowledge] }", "applies_to: [knowledge, scratch] }");
        JsonNode p3 = cj("plan");
        assertThat(change(p3, "graph.scratch").path("operation").asText()).isEqualTo("create");
        assertThat(change(p3, "schema.scratch").path("disposition").asText()).isEqualTo("applied");
        assertThat(change(p3, "policy.base").path("binding_change").asBoolean()).isTrue();
        assertThat(c("apply").out()).contains("Update policy.base [bindings] [Applied]").contains("Create graph.scratch [Applied]");
        // removing a graph is gated
        edit("cluster.yaml", "  scratch:\n    schema: scratch.pg\n", "");
        edit("cluster.yaml", "applies_to: [knowledge, scratch] }", "applies_to: [knowledge] }");
        Run blocked = c("apply");
        assertThat(blocked.code()).isZero();
        assertThat(blocked.out()).contains("Delete graph.scratch [Blocked: approval_required]");
        assertThat(dir.resolve("graphs/scratch.omni")).isDirectory();
    }

    @Test
    void section3DriftBothWays() throws Exception {
        deploy();
        loadSeed();
        // out of band: someone with storage access changes the schema through the engine (the CLI refuses this on a
        // cluster-managed root) and writes the new field
        String rogue = Files.readString(dir.resolve("people.pg")).replace("bio: String? @index", "bio: String? @index\n    shoe_size: I32?");
        String driftCommit;
        try (Graph g = openGraph("knowledge")) {
            g.applySchema(Optional.of(Actor.of("rogue")), rogue, false);
            String nd = "{\"type\":\"Person\",\"data\":{\"slug\":\"sam\",\"name\":\"Sam\",\"role\":\"engineer\",\"shoe_size\":44}}\n";
            driftCommit = g.load(Optional.of(Actor.of("rogue")), LoadRequest.of(new ByteArrayInputStream(
                    nd.getBytes(StandardCharsets.UTF_8)), "main", LoadMode.MERGE)).commit().graphCommitId();
        }
        Run refused = run("schema", "apply", "--schema", dir.resolve("people.pg").toString(), "--store", graphUri());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("cluster apply");
        JsonNode r = cj("refresh");
        assertThat(r.path("resource_statuses").path("schema.knowledge").path("status").asText()).isEqualTo("drifted");
        JsonNode p = cj("plan");
        assertThat(change(p, "schema.knowledge").path("migration").path("steps").toString()).contains("drop_property")
                .contains("shoe_size").contains("soft");
        assertThat(cj("apply", "--as", "andrew").path("converged").asBoolean()).isTrue();
        assertThat(cj("plan").path("changes")).isEmpty();
        try (Graph g = openGraph("knowledge")) {
            assertThat(g.schemaSource(Optional.empty(), "main")).doesNotContain("shoe_size");
            // soft drop: the current version no longer has the field, the older commit still reads it by time travel
            java.io.ByteArrayOutputStream now = new java.io.ByteArrayOutputStream();
            g.export(Optional.empty(), ReadTarget.branch("main"), List.of("Person"), now);
            assertThat(now.toString(StandardCharsets.UTF_8)).doesNotContain("shoe_size");
            java.io.ByteArrayOutputStream then = new java.io.ByteArrayOutputStream();
            g.export(Optional.empty(), ReadTarget.commit(driftCommit), List.of("Person"), then);
            assertThat(then.toString(StandardCharsets.UTF_8)).contains("\"shoe_size\":44");
        }
        // tampered catalog blob
        Path blobDir = dir.resolve("__cluster/resources/policy/base");
        Path blob;
        try (var s = Files.list(blobDir)) {
            blob = s.findFirst().orElseThrow();
        }
        Files.writeString(blob, "version: 1\n");
        Run st = c("status");
        assertThat(st.code()).isZero();
        assertThat(st.out()).contains("WARN  catalog_payload_mismatch policy.base");
        assertThat(cj("refresh").path("resource_statuses").path("policy.base").path("status").asText()).isEqualTo("drifted");
        Files.delete(blob);
        assertThat(cj("apply").path("converged").asBoolean()).isTrue();
        assertThat(c("status").out()).doesNotContain("catalog_payload");
    }

    @Test
    void section4ApprovalGateAndStaleApproval() throws IOException {
        Files.writeString(dir.resolve("scratch.pg"), "node Note {\n    slug: String @key\n}\n");
        edit("cluster.yaml", "policies:", "  scratch:\n    schema: scratch.pg\npolicies:");
        deploy();
        edit("cluster.yaml", "  scratch:\n    schema: scratch.pg\n", "");
        assertThat(c("apply").out()).contains("Delete graph.scratch [Blocked: approval_required]");
        Run noActor = c("approve", "graph.scratch");
        assertThat(noActor.code()).isEqualTo(1);
        assertThat(noActor.err()).contains("--as").contains("operator.actor").contains("config.yaml");
        Files.writeString(home.resolve("config.yaml"), "operator:\n  actor: act-operator\nfuture_key: 1\n");
        Run ap = c("approve", "graph.scratch");
        assertThat(ap.code()).as(ap.out() + ap.err()).isZero();
        assertThat(ap.out()).contains("cluster approve: delete graph.scratch approved by act-operator (approval ");
        assertThat(ap.err()).contains("unknown key `future_key`");
        // stale: any config edit invalidates it
        edit("queries/people.gq", "// Reads over people and projects.", "// Reads over people and projects (edited).");
        JsonNode stale = cj("apply");
        assertThat(stale.path("diagnostics").toString()).contains("approval_stale");
        assertThat(change(stale, "graph.scratch").path("reason").asText()).isEqualTo("approval_required");
        JsonNode ap2 = cj("approve", "graph.scratch", "--as", "andrew");
        assertThat(ap2.path("approved_by").asText()).isEqualTo("andrew");
        JsonNode done = cj("apply");
        assertThat(done.path("actor").asText()).isEqualTo("act-operator");
        assertThat(done.path("converged").asBoolean()).as(done.toPrettyString()).isTrue();
        assertThat(dir.resolve("graphs/scratch.omni")).doesNotExist();
        assertThat(cj("status").path("observations").path("graph.scratch").path("kind").asText()).isEqualTo("tombstone");
        Files.writeString(home.resolve("config.yaml"), "operator: [broken\n");
        assertThat(c("apply").code()).isEqualTo(1);
    }

    @Test
    void section5HeldLockAndLostState() throws IOException {
        deploy();
        Files.writeString(dir.resolve("__cluster/lock.json"), "{\"version\":1,\"lock_id\":\"01CRASHED\",\"operation\":\"apply\","
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"pid\":4242}");
        Run st = c("status");
        assertThat(st.out()).contains("lock: held (id=01CRASHED, operation=apply, pid=4242");
        Run blocked = c("apply");
        assertThat(blocked.code()).isEqualTo(1);
        assertThat(blocked.out()).contains("state_lock_held").contains("force-unlock 01CRASHED");
        assertThat(c("force-unlock", "nope").code()).isEqualTo(1);
        Run fu = c("force-unlock", "01CRASHED");
        assertThat(fu.code()).isZero();
        assertThat(fu.out()).contains("cluster force-unlock: removed lock (id=01CRASHED, operation=apply");
        // an expired lease is taken over without force-unlock
        Files.writeString(dir.resolve("__cluster/lock.json"), "{\"version\":1,\"lock_id\":\"01EXPIRED\",\"operation\":\"apply\","
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"pid\":4242,\"holder\":\"ci@box:4242\",\"lease_seconds\":60,"
                + "\"expires_at\":\"2026-01-01T00:01:00Z\",\"renewed_at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(c("status").out()).contains("holder=ci@box:4242").contains("expired");
        Run taken = c("plan");
        assertThat(taken.code()).isZero();
        assertThat(taken.out()).contains("state_lock_expired_taken_over");
        assertThat(dir.resolve("__cluster/lock.json")).doesNotExist();
        // lost ledger: import rebuilds it from the config and a read-only look at the real graph
        loadSeed();
        long version;
        try (Graph g = openGraph("knowledge")) {
            version = g.info(Optional.empty()).graphManifestVersion();
        }
        Files.delete(dir.resolve("__cluster/state.json"));
        JsonNode imp = cj("import");
        assertThat(imp.path("ok").asBoolean()).as(imp.toPrettyString()).isTrue();
        assertThat(imp.path("observations").path("graph.knowledge").path("graph_manifest_version").asLong()).isEqualTo(version);
        assertThat(imp.path("resource_statuses").path("graph.knowledge").path("status").asText()).isEqualTo("applied");
        assertThat(cj("apply").path("converged").asBoolean()).isTrue();
        assertThat(cj("plan").path("changes")).isEmpty();
    }

    @Test
    void policyCommandsReadTheClusterBundles() {
        deploy();
        Run v = run("policy", "validate", "--cluster", dir.toString(), "--graph", "knowledge");
        assertThat(v.code()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("base");
        Run amb = run("policy", "validate", "--cluster", dir.toString());
        assertThat(amb.code()).isEqualTo(1);
        assertThat(amb.err()).contains("2 applied policy bundle(s)");
    }

    @Test
    void section7MaintenanceByClusterAddressing() throws IOException {
        deploy();
        loadSeed();
        Path updates = tmp.resolve("updates.jsonl");
        Files.writeString(updates, "{\"type\":\"Person\",\"data\":{\"slug\":\"sam\",\"name\":\"Sam\",\"role\":\"manager\"}}\n"
                + "{\"type\":\"Project\",\"data\":{\"slug\":\"atlas\",\"title\":\"Atlas\",\"status\":\"done\"}}\n");
        Run more = run("load", "--data", updates.toString(), "--mode", "merge", graphUri(), "--quiet");
        assertThat(more.code()).as(more.err()).isZero();
        String d = dir.toString();
        // scenario 24: optimize by cluster + graph
        Run o = run("optimize", "--cluster", d, "--graph", "knowledge", "--json");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.err()).contains("omnigraph optimize → " + graphUri() + " (direct, local)");
        JsonNode oj = o.json();
        assertThat(oj.path("datasets").isArray()).isTrue();
        assertThat(oj.path("committed").asBoolean()).isTrue();
        assertThat(oj.path("datasets").toString()).contains("\"segments_after\":1");
        // global flags before the verb work the same
        Run again = run("--cluster", d, "--json", "optimize", "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(again.json().path("committed").asBoolean()).as("nothing left to compact").isFalse();
        Run unknown = run("optimize", "--cluster", d, "--graph", "does-not-exist");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("is not applied in cluster").contains("cluster apply");
        // a one-graph cluster auto-selects; deleting the catalog does not matter (ledger only)
        deleteTree(dir.resolve("__cluster/resources"));
        Run auto = run("repair", "--cluster", d, "--json");
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(auto.json().path("classification").asText()).isEqualTo("no_drift");
        assertThat(run("optimize", "--cluster", d).code()).isZero();
        // cleanup: preview on stderr, then confirm; everything still reads
        List<String> before = export();
        Run preview = run("cleanup", "--cluster", d, "--keep", "1");
        assertThat(preview.code()).isZero();
        assertThat(preview.err()).contains("cleanup preview: would remove").contains("--confirm");
        assertThat(preview.out()).isEmpty();
        Run none = run("cleanup", "--cluster", d);
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--keep N and/or --older-than DUR");
        Run cl = run("cleanup", "--cluster", d, "--graph", "knowledge", "--keep", "10", "--confirm", "--json");
        assertThat(cl.code()).as(cl.err()).isZero();
        assertThat(cl.json().path("applied").asBoolean()).isTrue();
        assertThat(cl.json().has("bytes_removed")).isTrue();
        assertThat(export()).isEqualTo(before);
        // two graphs: no auto-selection
        Files.writeString(dir.resolve("scratch.pg"), "node Note {\n    slug: String @key\n}\n");
        edit("cluster.yaml", "policies:", "  scratch:\n    schema: scratch.pg\npolicies:");
        assertThat(cj("apply").path("converged").asBoolean()).isTrue();
        Run two = run("optimize", "--cluster", d);
        assertThat(two.code()).isEqualTo(1);
        assertThat(two.err()).contains("2 graphs").contains("knowledge").contains("scratch").contains("--graph <id>");
        // a `clusters:` name from the operator config
        Files.writeString(home.resolve("config.yaml"), "clusters:\n  brain: { root: " + d + " }\n");
        assertThat(run("optimize", "--cluster", "brain", "--graph", "scratch").code()).isZero();
    }

    @Test
    void section7InitAndSchemaApplyAreRefusedOnClusterGraphs() throws IOException {
        deploy();
        String live;
        try (Graph g = openGraph("knowledge")) {
            live = g.schemaSource(Optional.empty(), "main");
        }
        Run init = run("init", "--schema", dir.resolve("people.pg").toString(), dir.resolve("graphs/sneaky.omni").toString());
        assertThat(init.code()).isEqualTo(1);
        assertThat(init.err()).contains("cluster apply");
        assertThat(dir.resolve("graphs/sneaky.omni")).doesNotExist();
        Path v2 = tmp.resolve("v2.pg");
        Files.writeString(v2, live.replace("bio: String? @index", "bio: String? @index\n    nick: String?"));
        Run apply = run("schema", "apply", "--schema", v2.toString(), "--store", graphUri());
        assertThat(apply.code()).isEqualTo(1);
        assertThat(apply.err()).contains("cluster apply");
        try (Graph g = openGraph("knowledge")) {
            assertThat(g.schemaSource(Optional.empty(), "main")).isEqualTo(live);
        }
        Run elsewhere = run("init", "--schema", dir.resolve("people.pg").toString(), tmp.resolve("solo.omni").toString());
        assertThat(elsewhere.code()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.out()).contains("initialized ");
    }

    @Test
    void globalFlagsAndTheAddressingGuard() {
        deploy();
        // before or after the subcommand
        Run st1 = run("--json", "cluster", "status", "--config", dir.toString());
        assertThat(st1.json().path("ok").asBoolean()).as(st1.out() + st1.err()).isTrue();
        assertThat(run("cluster", "--json", "status", "--config", dir.toString()).json().path("ok").asBoolean()).isTrue();
        // --as reaches cluster apply from anywhere on the line
        Files.exists(dir);
        JsonNode a = run("--as", "andrew", "cluster", "apply", "--config", dir.toString(), "--json").json();
        assertThat(a.path("actor").asText()).isEqualTo("andrew");
        // flags a verb cannot consume are refused before it runs, with the capability and a remedy
        Run v = run("cluster", "validate", "--config", dir.toString(), "--as", "x");
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains("`cluster validate` is a control command; --as sets the actor of a direct write and does not apply."
                + " It operates on a cluster config directory (pass --config <dir>).");
        Run s = run("--server", "prod", "optimize", graphUri());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("`optimize` is a direct command; --server addresses a served graph and does not apply."
                + " Pass a storage URI, or --cluster <dir> --graph <id>.");
        Run ver = run("version", "--store", graphUri());
        assertThat(ver.code()).isEqualTo(2);
        assertThat(ver.err()).contains("`version` is a local command;").contains("It does not address a graph.");
        Run ld = run("load", "--cluster", dir.toString(), "--data", "x.jsonl", "--mode", "merge");
        assertThat(ld.code()).isEqualTo(2);
        assertThat(ld.err()).contains("`load` is an any command; --cluster addresses a cluster and does not apply.");
        Run initStore = run("init", "--schema", "x.pg", "--store", graphUri(), tmp.resolve("x.omni").toString());
        assertThat(initStore.code()).isEqualTo(2);
        assertThat(initStore.err()).contains("`init` is a direct command; --store");
        // an unreachable server: a clear error, not a stack trace
        Run remote = run("snapshot", "--server", "http://127.0.0.1:1", "--graph", "knowledge");
        assertThat(remote.code()).isEqualTo(1);
        assertThat(remote.err()).contains("error[remote_unreachable]").contains("http://127.0.0.1:1");
        Run both = run("snapshot", graphUri(), "--store", graphUri());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Run graphWithUri = run("snapshot", graphUri(), "--graph", "knowledge");
        assertThat(graphWithUri.code()).isEqualTo(2);
        assertThat(graphWithUri.err()).contains("single graph already");
        Run nothing = run("snapshot");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("no graph addressed");
    }

    @Test
    void profilesAndDefaultsResolveTheScope() throws IOException {
        deploy();
        Files.writeString(home.resolve("config.yaml"), "defaults:\n  store: " + graphUri() + "\nprofiles:\n"
                + "  brain-admin: { cluster: " + dir + ", default_graph: knowledge }\n  remote: { server: prod }\n");
        Run snap = run("snapshot", "--json");
        assertThat(snap.code()).as(snap.err()).isZero();
        assertThat(snap.json().path("graph_branch").asText()).isEqualTo("main");
        Run opt = run("optimize", "--profile", "brain-admin", "--json");
        assertThat(opt.code()).as(opt.err()).isZero();
        assertThat(opt.err()).contains(graphUri());
        env.put("OMNIGRAPH_PROFILE", "remote");
        Run direct = run("optimize");
        assertThat(direct.code()).isEqualTo(1);
        assertThat(direct.err()).contains("needs direct storage access");
        Run unknown = run("snapshot", "--profile", "nope");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown profile 'nope'");
    }

    static void deleteTree(Path p) throws IOException {
        try (var w = Files.walk(p)) {
            for (Path q : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
