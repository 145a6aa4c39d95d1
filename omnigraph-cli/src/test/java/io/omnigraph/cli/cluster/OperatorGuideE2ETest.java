package io.omnigraph.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.cluster.graph.SimulatedGraphPlane;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.wrap.PrefixedObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
 * The seed operator guide (docs/cluster.md) as an executable test through {@code omnigraph cluster …}, on the bundled
 * company-brain example. Runs against the SIMULATED graph plane (OMNIGRAPH_GRAPH_PLANE=simulated): the engine's
 * schema apply had not landed when this was written — switch the env to the engine adapter once it exists.
 */
@Tag("simulated-engine")
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
        env.put("OMNIGRAPH_GRAPH_PLANE", "simulated");
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
    void section1DeployFromZero() {
        Run v = c("validate");
        assertThat(v.code()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("cluster config valid");
        Run i = c("import");
        assertThat(i.code()).as(i.out()).isZero();
        Run p = c("plan");
        assertThat(p.code()).isZero();
        assertThat(p.out()).contains("cluster plan: ").contains("  Create graph.knowledge");
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
    }

    @Test
    void section2EachChangeKind() throws IOException {
        deploy();
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
        assertThat(c("plan").out()).contains("  Update schema.knowledge").contains("{\"kind\":\"add_property\"");
        JsonNode a = cj("apply", "--as", "andrew");
        assertThat(a.path("converged").asBoolean()).as(a.toPrettyString()).isTrue();
        assertThat(a.path("actor").asText()).isEqualTo("andrew");
        assertThat(new SimulatedGraphPlane().commitActors(root("knowledge"))).contains("andrew");
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
        new SimulatedGraphPlane().applySchema(root("knowledge"), Files.readString(dir.resolve("people.pg"))
                .replace("bio: String? @index", "bio: String? @index\n    shoe_size: I32?"), Optional.of("rogue"));
        JsonNode r = cj("refresh");
        assertThat(r.path("resource_statuses").path("schema.knowledge").path("status").asText()).isEqualTo("drifted");
        JsonNode p = cj("plan");
        assertThat(change(p, "schema.knowledge").path("migration").path("steps").toString()).contains("drop_property").contains("soft");
        assertThat(cj("apply").path("converged").asBoolean()).isTrue();
        assertThat(cj("plan").path("changes")).isEmpty();
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
        // lost ledger
        Files.delete(dir.resolve("__cluster/state.json"));
        assertThat(c("import").code()).isZero();
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
    void withoutTheEngineGraphWorkFailsClearly() {
        env.remove("OMNIGRAPH_GRAPH_PLANE");
        assertThat(c("validate").code()).isZero();
        assertThat(c("import").code()).isZero();
        Run a = c("apply");
        assertThat(a.code()).isEqualTo(1);
        assertThat(a.out()).contains("graph_create_failed").contains("graph_engine_unavailable");
        assertThat(c("status").code()).isZero();
    }
}
