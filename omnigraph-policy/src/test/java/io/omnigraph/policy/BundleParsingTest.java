package io.omnigraph.policy;

import io.omnigraph.policy.bundle.BranchScope;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.bundle.PolicyRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strict parsing and every §5.1 rejection rule, with the diagnostics' file, rule, key path, message and code. */
class BundleParsingTest {
    private static final String FILE = "base.policy.yaml";

    static List<PolicyDiagnostic> rejects(String yaml) {
        try {
            PolicyBundle b = PolicyBundle.parse(yaml, FILE);
            throw new AssertionError("expected the bundle to be rejected, got " + b);
        } catch (PolicyValidationException e) {
            assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.file()).isEqualTo(FILE));
            return e.diagnostics();
        }
    }

    static PolicyDiagnostic single(String yaml) {
        List<PolicyDiagnostic> ds = rejects(yaml);
        assertThat(ds).as("diagnostics %s", ds).hasSize(1);
        return ds.getFirst();
    }

    private static String rule(String body) {
        return """
                version: 1
                groups:
                  admins: [act-alice]
                  team: [act-bob, act-carol]
                protected_branches: [main]
                rules:
                  - id: r1
                    allow:
                      actors: { group: team }
                %s""".formatted(body.indent(6));
    }

    @Test
    void parsesTheSpecExample() throws Exception {
        PolicyBundle b = PolicyBundle.parse(Bundles.resource("base.policy.yaml"), "dir/base.policy.yaml");
        assertThat(b.name()).isEqualTo("base");
        assertThat(b.actors()).containsExactly("agent-1", "agent-2", "andrew", "ruth");
        assertThat(b.groupsOf("agent-1")).containsExactly("agents");
        assertThat(b.groupsOf("nobody")).isEmpty();
        assertThat(b.protectedBranches()).containsExactly("main");
        assertThat(b.rules()).extracting(PolicyRule::id).containsExactly("admins-everything", "reviewers-read",
                "reviewers-merge-into-main", "agents-read", "agents-write-own-branches", "agents-open-branches");
        PolicyRule write = b.rules().get(4);
        assertThat(write.group()).isEqualTo("agents");
        assertThat(write.actions()).containsExactly(Action.CHANGE);
        assertThat(write.branchScope()).contains(BranchScope.UNPROTECTED);
        assertThat(write.targetBranchScope()).isEmpty();
        assertThat(b.inferKind()).isEqualTo(BundleKind.GRAPH);
    }

    @Test
    void minimalBundleAndDefaults() throws Exception {
        PolicyBundle b = PolicyBundle.parse("version: 1\n", "empty.policy.yaml");
        assertThat(b.rules()).isEmpty();
        assertThat(b.groups()).isEmpty();
        assertThat(b.protectedBranches()).isEmpty();
        assertThat(b.name()).isEqualTo("empty");
    }

    @Test
    void duplicateMembersAndActionsAreFoldedNotRejected() throws Exception {
        PolicyBundle b = PolicyBundle.parse(rule("actions: [read, read, change]").replace("[act-bob, act-carol]",
                "[act-bob, act-bob]"), FILE);
        assertThat(b.groups().get("team")).containsExactly("act-bob");
        assertThat(b.rules().getFirst().actions()).containsExactly(Action.READ, Action.CHANGE);
    }

    // ---- §5.1 semantic rejections ----

    @Test
    void versionMustBeOne() {
        PolicyDiagnostic d = single("version: 2\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.UNSUPPORTED_VERSION);
        assertThat(d.path()).isEqualTo("version");
        assertThat(d.message()).contains("version: 1");
        assertThat(single("groups: {}\n").code()).isEqualTo(PolicyErrorCode.MISSING_KEY);
    }

    @Test
    void blankGroupName() {
        PolicyDiagnostic d = single("version: 1\ngroups:\n  \" \": [a]\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.BLANK_GROUP_NAME);
        assertThat(d.path()).isEqualTo("groups");
    }

    @Test
    void emptyGroup() {
        PolicyDiagnostic d = single("version: 1\ngroups:\n  admins: []\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.EMPTY_GROUP);
        assertThat(d.path()).isEqualTo("groups.admins");
        assertThat(d.message()).contains("'admins'").contains("at least one actor");
        assertThat(single("version: 1\ngroups:\n  admins:\n").code()).isEqualTo(PolicyErrorCode.EMPTY_GROUP);
    }

    @Test
    void blankActor() {
        PolicyDiagnostic d = single("version: 1\ngroups:\n  admins: [ok, \"  \"]\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.BLANK_ACTOR);
        assertThat(d.path()).isEqualTo("groups.admins[1]");
    }

    @Test
    void blankProtectedBranch() {
        PolicyDiagnostic d = single("version: 1\nprotected_branches: [main, \"\"]\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.BLANK_PROTECTED_BRANCH);
        assertThat(d.path()).isEqualTo("protected_branches[1]");
    }

    @Test
    void blankAndDuplicateRuleIds() {
        PolicyDiagnostic blank = single(rule("actions: [read]").replace("id: r1", "id: \" \""));
        assertThat(blank.code()).isEqualTo(PolicyErrorCode.BLANK_RULE_ID);
        assertThat(blank.path()).isEqualTo("rules[0].id");
        PolicyDiagnostic missing = single(rule("actions: [read]").replace("- id: r1\n    allow:", "- allow:"));
        assertThat(missing.code()).isEqualTo(PolicyErrorCode.BLANK_RULE_ID);

        String dup = rule("actions: [read]") + """
                  - id: r1
                    allow:
                      actors: { group: admins }
                      actions: [change]
                """;
        PolicyDiagnostic d = single(dup);
        assertThat(d.code()).isEqualTo(PolicyErrorCode.DUPLICATE_RULE_ID);
        assertThat(d.ruleId()).contains("r1");
        assertThat(d.path()).isEqualTo("rules[1].id");
    }

    @Test
    void unknownOrBlankGroupReference() {
        PolicyDiagnostic d = single(rule("actions: [read]").replace("group: team", "group: teem"));
        assertThat(d.code()).isEqualTo(PolicyErrorCode.UNKNOWN_GROUP);
        assertThat(d.ruleId()).contains("r1");
        assertThat(d.path()).isEqualTo("rules[0].allow.actors.group");
        assertThat(d.message()).contains("'teem'").contains("[admins, team]");
        PolicyDiagnostic blank = single(rule("actions: [read]").replace("group: team", "group: \"\""));
        assertThat(blank.code()).isEqualTo(PolicyErrorCode.UNKNOWN_GROUP);
        assertThat(blank.message()).contains("blank");
    }

    @Test
    void emptyActions() {
        PolicyDiagnostic d = single(rule("actions: []"));
        assertThat(d.code()).isEqualTo(PolicyErrorCode.EMPTY_ACTIONS);
        assertThat(d.path()).isEqualTo("rules[0].allow.actions");
        assertThat(single(rule("branch_scope: any")).code()).isEqualTo(PolicyErrorCode.MISSING_KEY);
    }

    @Test
    void unknownActionAndScopeValues() {
        PolicyDiagnostic d = single(rule("actions: [read, reed]"));
        assertThat(d.code()).isEqualTo(PolicyErrorCode.UNKNOWN_ACTION);
        assertThat(d.path()).isEqualTo("rules[0].allow.actions[1]");
        assertThat(d.message()).contains("'reed'").contains("invoke_query").contains("graph_list");
        PolicyDiagnostic s = single(rule("actions: [read]\nbranch_scope: protect"));
        assertThat(s.code()).isEqualTo(PolicyErrorCode.UNKNOWN_SCOPE);
        assertThat(s.message()).contains("any, protected or unprotected");
    }

    @Test
    void bothScopesSet() {
        List<PolicyDiagnostic> ds = rejects(rule("actions: [read]\nbranch_scope: any\ntarget_branch_scope: any"));
        assertThat(ds).extracting(PolicyDiagnostic::code).contains(PolicyErrorCode.BOTH_SCOPES);
        PolicyDiagnostic both = ds.stream().filter(d -> d.code() == PolicyErrorCode.BOTH_SCOPES).findFirst()
                .orElseThrow();
        assertThat(both.path()).isEqualTo("rules[0].allow");
        assertThat(both.message()).contains("branch_scope").contains("target_branch_scope");
    }

    @Test
    void branchScopeOnInvokeQueryMentionsBothNames() {
        // §8 scenario 3
        PolicyDiagnostic d = single(rule("actions: [invoke_query]\nbranch_scope: any"));
        assertThat(d.code()).isEqualTo(PolicyErrorCode.SCOPE_NOT_APPLICABLE);
        assertThat(d.path()).isEqualTo("rules[0].allow.branch_scope");
        assertThat(d.message()).contains("branch_scope").contains("invoke_query").contains("read, export, change");
        assertThat(d.render()).startsWith("base.policy.yaml: rule 'r1': rules[0].allow.branch_scope: ")
                .endsWith("[policy_scope_not_applicable]");
    }

    @Test
    void branchScopeOutsideReadExportChange() {
        for (String a : List.of("schema_apply", "branch_create", "branch_delete", "branch_merge", "admin",
                "invoke_query")) {
            PolicyDiagnostic d = single(rule("actions: [read, " + a + "]\nbranch_scope: protected"));
            assertThat(d.code()).as(a).isEqualTo(PolicyErrorCode.SCOPE_NOT_APPLICABLE);
            assertThat(d.message()).contains("'" + a + "'").doesNotContain("'read'");
        }
    }

    @Test
    void targetBranchScopeOutsideTargetActions() {
        for (String a : List.of("read", "export", "change", "admin", "invoke_query")) {
            PolicyDiagnostic d = single(rule("actions: [schema_apply, " + a + "]\ntarget_branch_scope: any"));
            assertThat(d.code()).as(a).isEqualTo(PolicyErrorCode.SCOPE_NOT_APPLICABLE);
            assertThat(d.path()).isEqualTo("rules[0].allow.target_branch_scope");
            assertThat(d.message()).contains("target_branch_scope").contains("'" + a + "'")
                    .contains("schema_apply, branch_create, branch_delete, branch_merge");
        }
    }

    @Test
    void graphListMixedWithGraphActions() {
        PolicyDiagnostic d = single(rule("actions: [graph_list, read]"));
        assertThat(d.code()).isEqualTo(PolicyErrorCode.MIXED_SERVER_AND_GRAPH_ACTIONS);
        assertThat(d.message()).contains("server-scoped").contains("'read'");
    }

    @Test
    void anyScopeOnGraphList() {
        for (String scope : List.of("branch_scope: any", "target_branch_scope: protected")) {
            PolicyDiagnostic d = single(rule("actions: [graph_list]\n" + scope));
            assertThat(d.code()).isEqualTo(PolicyErrorCode.SCOPE_NOT_APPLICABLE);
            assertThat(d.message()).contains("graph_list").contains("server-scoped");
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<PolicyDiagnostic> ds = rejects("""
                version: 3
                groups:
                  empty: []
                protected_branches: [" "]
                rules:
                  - id: a
                    allow:
                      actors: { group: nope }
                      actions: []
                  - id: a
                    allow:
                      actors: { group: empty }
                      actions: [invoke_query]
                      branch_scope: any
                """);
        assertThat(ds).extracting(PolicyDiagnostic::code).containsExactly(
                PolicyErrorCode.UNSUPPORTED_VERSION, PolicyErrorCode.EMPTY_GROUP,
                PolicyErrorCode.BLANK_PROTECTED_BRANCH, PolicyErrorCode.UNKNOWN_GROUP, PolicyErrorCode.EMPTY_ACTIONS,
                PolicyErrorCode.DUPLICATE_RULE_ID, PolicyErrorCode.UNKNOWN_GROUP,
                PolicyErrorCode.SCOPE_NOT_APPLICABLE);
    }

    // ---- strictness of the YAML itself ----

    @Test
    void unknownTopLevelKey() {
        PolicyDiagnostic d = single("version: 1\nadmins: [x]\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.UNKNOWN_KEY);
        assertThat(d.path()).isEqualTo("admins");
        assertThat(d.line()).contains(2);
        assertThat(d.message()).contains("'admins'").contains("groups, protected_branches, rules, version");
    }

    @Test
    void denyKeyIsRejectedWithAllowOnlyHint() {
        String yaml = """
                version: 1
                groups: { team: [a] }
                rules:
                  - id: no-deny
                    deny:
                      actors: { group: team }
                      actions: [change]
                """;
        PolicyDiagnostic d = single(yaml);
        assertThat(d.code()).isEqualTo(PolicyErrorCode.UNKNOWN_KEY);
        assertThat(d.ruleId()).contains("no-deny");
        assertThat(d.path()).isEqualTo("rules[0].deny");
        assertThat(d.line()).contains(5);
        assertThat(d.message()).contains("allow-only");
    }

    @Test
    void unknownKeysInsideAllowAndActors() {
        PolicyDiagnostic d = single(rule("actions: [read]\neffect: permit"));
        assertThat(d.code()).isEqualTo(PolicyErrorCode.UNKNOWN_KEY);
        assertThat(d.path()).isEqualTo("rules[0].allow.effect");
        assertThat(d.ruleId()).contains("r1");
        PolicyDiagnostic a = single(rule("actions: [read]").replace("{ group: team }", "{ group: team, ids: [x] }"));
        assertThat(a.code()).isEqualTo(PolicyErrorCode.UNKNOWN_KEY);
        assertThat(a.path()).isEqualTo("rules[0].allow.actors.ids");
        assertThat(a.message()).contains("(allowed keys: group)");
    }

    @Test
    void duplicateKeys() {
        PolicyDiagnostic d = single("version: 1\nversion: 1\n");
        assertThat(d.code()).isEqualTo(PolicyErrorCode.DUPLICATE_KEY);
        assertThat(d.message()).contains("'version'");
        assertThat(d.line()).contains(2);
        PolicyDiagnostic g = single("version: 1\ngroups:\n  a: [x]\n  a: [y]\n");
        assertThat(g.code()).isEqualTo(PolicyErrorCode.DUPLICATE_KEY);
    }

    @Test
    void wrongTypes() {
        PolicyDiagnostic s = single("version: \"1\"\n");
        assertThat(s.code()).isEqualTo(PolicyErrorCode.WRONG_TYPE);
        assertThat(s.path()).isEqualTo("version");
        assertThat(s.message()).contains("an integer");
        PolicyDiagnostic l = single("version: 1\ngroups: [a, b]\n");
        assertThat(l.code()).isEqualTo(PolicyErrorCode.WRONG_TYPE);
        assertThat(l.path()).isEqualTo("groups");
        assertThat(l.message()).contains("a mapping");
        PolicyDiagnostic m = single(rule("actions: read"));
        assertThat(m.code()).isEqualTo(PolicyErrorCode.WRONG_TYPE);
        assertThat(m.path()).isEqualTo("rules[0].allow.actions");
        assertThat(m.ruleId()).contains("r1");
        assertThat(m.message()).contains("a list");
    }

    @Test
    void emptyFileSyntaxErrorsAndMultipleDocuments() {
        assertThat(single("").code()).isEqualTo(PolicyErrorCode.EMPTY_FILE);
        assertThat(single("# only a comment\n").code()).isEqualTo(PolicyErrorCode.EMPTY_FILE);
        PolicyDiagnostic syn = single("version: 1\ngroups: { a: [x\n");
        assertThat(syn.code()).as(syn.render()).isEqualTo(PolicyErrorCode.YAML_SYNTAX);
        assertThat(syn.line()).isPresent();
        assertThat(syn.message()).doesNotContain("\n");
        PolicyDiagnostic docs = single("version: 1\n---\nversion: 1\n");
        assertThat(docs.code()).isIn(PolicyErrorCode.WRONG_TYPE, PolicyErrorCode.YAML_SYNTAX);
    }

    @Test
    void renderedDiagnosticNamesFileLineRuleAndPath() {
        PolicyDiagnostic d = new PolicyDiagnostic("x.policy.yaml", Optional.of("r"), "rules[0].allow",
                Optional.of(7), "boom", PolicyErrorCode.BOTH_SCOPES);
        assertThat(d.render()).isEqualTo("x.policy.yaml:7: rule 'r': rules[0].allow: boom [policy_both_scopes]");
    }

    @Test
    void nameFromFile() {
        assertThat(PolicyBundle.nameFromFile("a/b/base.policy.yaml")).isEqualTo("base");
        assertThat(PolicyBundle.nameFromFile("x.yml")).isEqualTo("x");
        assertThat(PolicyBundle.nameFromFile("noext")).isEqualTo("noext");
    }

    @Test
    void validationExceptionNeedsADiagnostic() {
        assertThatThrownBy(() -> new PolicyValidationException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
