package io.omnigraph.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
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

import static org.assertj.core.api.Assertions.assertThat;

/** {@code omnigraph policy validate|test|explain} in-process, over real files and real Cedar. */
class PolicyCommandTest {
    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @TempDir
    Path dir;
    Path base;
    Path server;

    @BeforeEach
    void files() throws IOException {
        base = copy("base.policy.yaml");
        server = copy("server.policy.yaml");
    }

    private Path copy(String name) throws IOException {
        try (InputStream in = PolicyCommandTest.class.getResourceAsStream("/policy/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void validatePrintsTheSpecLine() {
        Result r = run("policy", "validate", base.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst()).contains("policy valid: bundle 'base' [4 actors]");
        assertThat(r.out()).contains("graph bundle compiled for graph 'default'").contains("digest sha256:");
    }

    @Test
    void validateJsonAndServerBundleKindInference() throws Exception {
        JsonNode j = run("policy", "validate", "--json", "--graph", "knowledge", base.toString()).json();
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("kind").asText()).isEqualTo("graph");
        assertThat(j.get("graph").asText()).isEqualTo("knowledge");
        assertThat(j.get("actors").asInt()).isEqualTo(4);
        assertThat(j.get("file_sha256").asText()).hasSize(64);
        assertThat(j.get("policies").toString()).contains("agents-write-own-branches:change");
        assertThat(j.get("digest").asText()).startsWith("sha256:");

        Result s = run("policy", "validate", server.toString());
        assertThat(s.code()).isZero();
        assertThat(s.out()).startsWith("policy valid: bundle 'server' [4 actors]").contains("server bundle");
    }

    @Test
    void validateRejectsWithEveryDiagnostic() throws Exception {
        Path bad = write("bad.policy.yaml", """
                version: 1
                groups: { team: [a] }
                rules:
                  - id: q
                    allow:
                      actors: { group: team }
                      actions: [invoke_query]
                      branch_scope: any
                  - id: q
                    allow:
                      actors: { group: nope }
                      actions: [read]
                """);
        Result r = run("policy", "validate", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error[policy_invalid]: policy bundle '").contains("(3 problems)")
                .contains("bad.policy.yaml: rule 'q': rules[0].allow.branch_scope: branch_scope does not apply "
                        + "to action(s) ['invoke_query']")
                .contains("[policy_duplicate_rule_id]").contains("[policy_unknown_group]")
                .doesNotContain("Exception");
        Result j = run("policy", "validate", "--json", bad.toString());
        assertThat(j.code()).isEqualTo(1);
        JsonNode json = j.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("diagnostics")).hasSize(3);
        assertThat(json.get("diagnostics").get(0).get("code").asText()).isEqualTo("policy_scope_not_applicable");
        assertThat(json.get("diagnostics").get(0).get("rule").asText()).isEqualTo("q");
    }

    @Test
    void validateRejectsAMixedBundleAndAMissingFile() throws Exception {
        Path mixed = write("mixed.policy.yaml", """
                version: 1
                groups: { g: [a] }
                rules:
                  - id: list
                    allow: { actors: { group: g }, actions: [graph_list] }
                  - id: read
                    allow: { actors: { group: g }, actions: [read] }
                """);
        Result r = run("policy", "validate", mixed.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("server-scoped").contains("[policy_server_action_in_graph_bundle]");
        Result missing = run("policy", "validate", dir.resolve("nope.policy.yaml").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error[policy_file_missing]: policy file '").contains("does not exist");
    }

    @Test
    void testCommandPassesAndFailsInSpecWording() throws Exception {
        Path good = write("good.tests.yaml", """
                version: 1
                cases:
                  - { id: admin-schema, actor: andrew, action: schema_apply, target_branch: main, expect: allow }
                  - { id: agent-main, actor: agent-1, action: change, branch: main, expect: deny }
                  - { id: agent-feature, actor: agent-1, action: change, branch: feature, expect: allow }
                """);
        Result ok = run("policy", "test", "--tests", good.toString(), base.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out().strip()).isEqualTo("policy tests passed: 3 cases");

        Path bad = write("bad.tests.yaml", """
                version: 1
                cases:
                  - { id: agent-main, actor: agent-1, action: change, branch: main, expect: allow }
                  - { id: reader, actor: ruth, action: read, branch: main, expect: allow }
                """);
        Result fail = run("policy", "test", "--tests", bad.toString(), base.toString());
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out().strip()).isEqualTo("agent-main: expected Allow but got deny");
        assertThat(fail.err()).contains("error[policy_tests_failed]: 1 of 2 policy test cases failed");

        JsonNode j = run("policy", "test", "--json", "--tests", bad.toString(), base.toString()).json();
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("failed").asInt()).isEqualTo(1);
        assertThat(j.get("results").get(1).get("matched_rule").asText()).isEqualTo("reviewers-read");
    }

    @Test
    void testCommandRejectsBadTestFiles() throws Exception {
        Path dup = write("dup.tests.yaml", """
                version: 1
                cases:
                  - { id: a, actor: x, action: read, expect: allow }
                  - { id: a, actor: x, action: read, expect: sometimes }
                """);
        Result r = run("policy", "test", "--tests", dup.toString(), base.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("policy test file").contains("[policy_duplicate_case_id]")
                .contains("[policy_invalid_expect]");
        Result missing = run("policy", "test", "--tests", dir.resolve("none.yaml").toString(), base.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("error[policy_tests_missing]").contains("test file");
        Result noFlag = run("policy", "test", base.toString());
        assertThat(noFlag.code()).isEqualTo(2);
        assertThat(noFlag.err()).contains("--tests");
    }

    @Test
    void explainPrintsTheSpecLines() {
        Result allow = run("policy", "explain", "--actor", "agent-1", "--action", "change", "--branch", "feature",
                base.toString());
        assertThat(allow.code()).as(allow.err()).isZero();
        assertThat(allow.out()).isEqualTo("""
                decision: allow
                actor: agent-1
                action: change
                branch: feature
                matched_rule: agents-write-own-branches
                message: policy allowed action 'change' for actor 'agent-1'
                """);
        Result deny = run("policy", "explain", "--actor", "agent-1", "--action", "branch_merge", "--branch",
                "feature", "--target-branch", "main", base.toString());
        assertThat(deny.code()).isZero();
        assertThat(deny.out()).isEqualTo("""
                decision: deny
                actor: agent-1
                action: branch_merge
                branch: feature
                target_branch: main
                message: policy denied action 'branch_merge' on branch 'feature' targeting branch 'main' for actor 'agent-1'
                """);
        Result unknown = run("policy", "explain", "--actor", "mallory", "--action", "read", base.toString());
        assertThat(unknown.out()).contains("message: policy denied action 'read' for unknown actor 'mallory'");
    }

    @Test
    void explainJsonQueryExtensionAndBadAction() throws Exception {
        Path curated = write("curated.policy.yaml", """
                version: 1
                groups: { agents: [agent-1] }
                rules:
                  - id: curated
                    allow:
                      actors: { group: agents }
                      actions: [invoke_query]
                      queries: [find_person]
                """);
        JsonNode ok = run("policy", "explain", "--json", "--actor", "agent-1", "--action", "invoke_query", "--query",
                "find_person", "--graph", "knowledge", curated.toString()).json();
        assertThat(ok.get("decision").asText()).isEqualTo("allow");
        assertThat(ok.get("matched_rule").asText()).isEqualTo("curated");
        assertThat(ok.get("graph").asText()).isEqualTo("knowledge");
        assertThat(ok.get("posture").asText()).isEqualTo("policy");
        JsonNode no = run("policy", "explain", "--json", "--actor", "agent-1", "--action", "invoke_query", "--query",
                "other", curated.toString()).json();
        assertThat(no.get("decision").asText()).isEqualTo("deny");
        assertThat(no.has("matched_rule")).isFalse();

        Result bad = run("policy", "explain", "--actor", "a", "--action", "reed", base.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("error[policy_unknown_action]: unknown action 'reed'").contains("graph_list");
    }

    @Test
    void explainOnTheServerBundle() {
        Result r = run("policy", "explain", "--actor", "ruth", "--action", "graph_list", server.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("decision: allow").contains("matched_rule: everyone-lists-graphs");
    }

    @Test
    void helpForEverySubcommand() {
        for (String sub : new String[]{"validate", "test", "explain"}) {
            Result r = run("policy", sub, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("--json").contains("FILE");
        }
        assertThat(run("policy").out()).contains("validate").contains("explain");
    }

    @Test
    void defaultPostureGateThroughTheSourceSeam() {
        // a source that selects a graph with no bundle bound (what the cluster source returns for such a graph)
        BundleSource none = g -> new SelectedBundle(java.util.Optional.empty(), g.orElse("knowledge"), "cluster",
                java.util.Optional.empty());
        SelectedBundle s = none.select(java.util.Optional.empty());
        var gate = io.omnigraph.policy.gate.PolicyGate.forGraph(s.graphId(), java.util.Optional.empty(),
                io.omnigraph.policy.gate.AuthMode.POLICY_ENABLED);
        assertThat(gate.posture().render())
                .isEqualTo("graph 'knowledge': no bundle bound: read-only for authenticated actors (default deny)");
    }
}
