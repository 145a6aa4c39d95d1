package io.omnigraph.policy;

import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.cedar.PolicyEngine;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyEngineTest {
    static final String TWO_RULES = """
            version: 1
            groups:
              a: [x]
              b: [x, y]
            protected_branches: [main, release]
            rules:
              - id: zeta
                allow:
                  actors: { group: a }
                  actions: [read]
              - id: alpha
                allow:
                  actors: { group: b }
                  actions: [read, change]
                  branch_scope: protected
            """;

    @Test
    void matchedRuleIsTheSmallestDeterminingRuleId() {
        PolicyEngine e = Bundles.graphEngine(TWO_RULES, "g");
        // on a protected branch both rules permit: alpha < zeta
        assertThat(e.authorize(AuthzRequest.of("x", Action.READ).withBranch("main")).matchedRuleId())
                .contains("alpha");
        // on an unprotected branch only zeta permits
        assertThat(e.authorize(AuthzRequest.of("x", Action.READ).withBranch("dev")).matchedRuleId())
                .contains("zeta");
        // y is only in b: protected branches only; the second protected branch works too
        assertThat(e.authorize(AuthzRequest.of("y", Action.CHANGE).withBranch("release")).allowed()).isTrue();
        assertThat(e.authorize(AuthzRequest.of("y", Action.READ).withBranch("dev")).allowed()).isFalse();
    }

    @Test
    void denyMessagesNameBranchAndTarget() {
        PolicyEngine e = Bundles.graphEngine(TWO_RULES, "g");
        assertThat(e.authorize(AuthzRequest.of("y", Action.BRANCH_MERGE).withBranch("dev").withTargetBranch("main"))
                .message()).isEqualTo("policy denied action 'branch_merge' on branch 'dev' targeting branch 'main' "
                + "for actor 'y'");
        assertThat(e.authorize(AuthzRequest.of("y", Action.SCHEMA_APPLY).withTargetBranch("main")).message())
                .isEqualTo("policy denied action 'schema_apply' targeting branch 'main' for actor 'y'");
        assertThat(e.authorize(AuthzRequest.of("y", Action.ADMIN)).message())
                .isEqualTo("policy denied action 'admin' for actor 'y'");
        assertThat(e.authorize(AuthzRequest.of("nobody", Action.READ).withBranch("main")).message())
                .isEqualTo("policy denied action 'read' for unknown actor 'nobody'");
    }

    @Test
    void resourceIsTheEnginesGraph() throws Exception {
        PolicyEngine e = Bundles.graphEngine(TWO_RULES, "knowledge");
        assertThat(e.resource().id()).isEqualTo("knowledge");
        assertThat(e.compiled().policies().get("zeta:read"))
                .contains("resource == Omnigraph::Graph::\"knowledge\"");
        // the same bundle compiled for two graphs: policies differ only in the resource
        PolicyEngine other = PolicyEngine.forGraph(e.bundle(), "alpha");
        assertThat(other.compiled().policies().get("zeta:read")).contains("Omnigraph::Graph::\"alpha\"");
        assertThat(other.digest()).isNotEqualTo(e.digest());
    }

    @Test
    void compiledPolicyTextMatchesTheSpecForm() {
        PolicyEngine e = Bundles.graphEngine(TWO_RULES, "g");
        assertThat(e.compiled().policies()).containsOnlyKeys("zeta:read", "alpha:read", "alpha:change");
        assertThat(e.compiled().policies().get("alpha:change")).isEqualTo("""
                permit (
                  principal in Omnigraph::Group::"b",
                  action == Omnigraph::Action::"change",
                  resource == Omnigraph::Graph::"g"
                )
                when { context.has_branch && context.branch_is_protected };""");
        assertThat(e.compiled().policies().get("zeta:read")).doesNotContain("when");
        assertThat(e.compiled().entities()).containsKeys("Omnigraph::Actor::\"x\"", "Omnigraph::Group::\"a\"",
                "Omnigraph::Graph::\"g\"").doesNotContainKey("Omnigraph::Server::\"root\"");
        assertThat(e.compiled().entities().get("Omnigraph::Actor::\"x\""))
                .containsExactly("Omnigraph::Group::\"a\"", "Omnigraph::Group::\"b\"");
    }

    @Test
    void awkwardIdsAreEscapedAndStillDecide() {
        String yaml = """
                version: 1
                groups:
                  "we \\"quote\\" \\\\ back": ["act:1 \\"q\\"", "ünï cödé"]
                protected_branches: ["rel/\\"v1\\""]
                rules:
                  - id: "rule: with \\"quotes\\" and : colons"
                    allow:
                      actors: { group: "we \\"quote\\" \\\\ back" }
                      actions: [read, branch_delete]
                      target_branch_scope: protected
                """;
        // target_branch_scope on read is invalid; use two rules instead
        yaml = yaml.replace("actions: [read, branch_delete]", "actions: [branch_delete]");
        PolicyEngine e = Bundles.graphEngine(yaml, "graph \"odd\"");
        Decision d = e.authorize(AuthzRequest.of("act:1 \"q\"", Action.BRANCH_DELETE).withTargetBranch("rel/\"v1\""));
        assertThat(d.allowed()).as(d.message()).isTrue();
        assertThat(d.matchedRuleId()).contains("rule: with \"quotes\" and : colons");
        assertThat(e.authorize(AuthzRequest.of("ünï cödé", Action.BRANCH_DELETE).withTargetBranch("x")).allowed())
                .isFalse();
    }

    @Test
    void kindAlignmentAtEngineConstruction() throws Exception {
        PolicyBundle server = PolicyBundle.parse(Bundles.resource("server.policy.yaml"), "server.policy.yaml");
        PolicyBundle graph = PolicyBundle.parse(Bundles.resource("base.policy.yaml"), "base.policy.yaml");
        assertThat(server.inferKind()).isEqualTo(BundleKind.SERVER);
        assertThat(graph.inferKind()).isEqualTo(BundleKind.GRAPH);

        assertThatThrownBy(() -> PolicyEngine.forGraph(server, "knowledge"))
                .isInstanceOfSatisfying(PolicyValidationException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(PolicyErrorCode.SERVER_ACTION_IN_GRAPH_BUNDLE);
                    assertThat(ex.diagnostics().getFirst().message()).contains("server-scoped");
                    assertThat(ex.diagnostics().getFirst().ruleId()).contains("everyone-lists-graphs");
                    assertThat(ex.diagnostics().getFirst().path()).isEqualTo("rules[0].allow.actions");
                });
        assertThatThrownBy(() -> PolicyEngine.forServer(graph))
                .isInstanceOfSatisfying(PolicyValidationException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(PolicyErrorCode.GRAPH_ACTION_IN_SERVER_BUNDLE);
                    assertThat(ex.diagnostics()).hasSize(6);
                    assertThat(ex.diagnostics().getFirst().message()).contains("per-graph").contains("'read'");
                });
        // a bundle with a graph_list rule and a per-graph rule fits neither kind
        PolicyBundle mixed = Bundles.parse("""
                version: 1
                groups: { g: [a] }
                rules:
                  - id: list
                    allow: { actors: { group: g }, actions: [graph_list] }
                  - id: read
                    allow: { actors: { group: g }, actions: [read] }
                """);
        assertThat(mixed.kindDiagnostics(BundleKind.GRAPH)).hasSize(1);
        assertThat(mixed.kindDiagnostics(BundleKind.SERVER)).hasSize(1);
        assertThat(mixed.inferKind()).isEqualTo(BundleKind.GRAPH);
        // parse-with-kind convenience
        assertThatThrownBy(() -> PolicyBundle.parse(Bundles.resource("server.policy.yaml"), "s.yaml", "s",
                BundleKind.GRAPH)).isInstanceOf(PolicyValidationException.class);
    }

    @Test
    void emptyBundleDeniesEveryone() {
        PolicyEngine e = Bundles.graphEngine("version: 1\ngroups: { g: [a] }\n", "g");
        assertThat(e.compiled().policies()).isEmpty();
        Decision d = e.authorize(AuthzRequest.of("a", Action.READ).withBranch("main"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.basis()).isEqualTo(DecisionBasis.POLICY);
    }

    @Test
    void requestsRejectNulls() {
        assertThatThrownBy(() -> new AuthzRequest("a", Action.READ, null, Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Actor.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
