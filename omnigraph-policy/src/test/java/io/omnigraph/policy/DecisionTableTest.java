package io.omnigraph.policy;

import io.omnigraph.policy.bundle.BranchScope;
import io.omnigraph.policy.cedar.PolicyEngine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision table: every action × graph/server scope × rule scope (none/any/protected/unprotected) ×
 * protected/unprotected/absent branch × member/non-member/unknown actor, evaluated by real Cedar.
 *
 * <p>Expectations come from {@link #expected}, a direct restatement of spec §5.3 written independently of the
 * compiler (scope condition table), plus a literal table of hand-checked rows ({@link #literalRows}).
 */
class DecisionTableTest {
    static final String GRAPH = "knowledge";
    /** alice: member of the granted group; bob: member of another group; carol: in no group. */
    static final List<String> ACTORS = List.of("alice", "bob", "carol");
    /** empty = no branch coordinate; main is protected, feature is not. */
    static final List<Optional<String>> BRANCHES = List.of(Optional.empty(), Optional.of("main"),
            Optional.of("feature"));

    private static final Map<String, PolicyEngine> ENGINES = new HashMap<>();

    /** A bundle granting exactly {@code action} to group {@code granted} with the given scope (null = none). */
    static String bundle(Action action, BranchScope scope) {
        String scopeLine = "";
        if (scope != null) {
            scopeLine = "\n      " + (action.acceptsTargetBranchScope() ? "target_branch_scope" : "branch_scope")
                    + ": " + scope.wireName();
        }
        return """
                version: 1
                groups:
                  granted: [alice]
                  other: [bob]
                protected_branches: [main]
                rules:
                  - id: grant-%s
                    allow:
                      actors: { group: granted }
                      actions: [%s]%s
                """.formatted(action.wireName(), action.wireName(), scopeLine);
    }

    static PolicyEngine engine(Action action, BranchScope scope) {
        return ENGINES.computeIfAbsent(action + "/" + scope, k -> action.serverScoped()
                ? Bundles.serverEngine(bundle(action, scope)) : Bundles.graphEngine(bundle(action, scope), GRAPH));
    }

    /** The rule scopes a bundle may put on {@code action}. */
    static List<BranchScope> scopesFor(Action action) {
        List<BranchScope> out = new ArrayList<>();
        out.add(null);
        if (action.acceptsBranchScope() || action.acceptsTargetBranchScope()) {
            out.addAll(List.of(BranchScope.values()));
        }
        return out;
    }

    /** Spec §5.3, restated: member ∧ (no scope ∨ any ∨ (has coord ∧ protected-ness matches)). */
    static boolean expected(String actor, BranchScope scope, Optional<String> coordinate) {
        if (!actor.equals("alice")) {
            return false;
        }
        if (scope == null || scope == BranchScope.ANY) {
            return true;
        }
        if (coordinate.isEmpty()) {
            return false;
        }
        boolean isProtected = coordinate.get().equals("main");
        return scope == BranchScope.PROTECTED ? isProtected : !isProtected;
    }

    @TestFactory
    List<DynamicTest> everyActionScopeBranchAndActor() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Action action : Action.values()) {
            for (BranchScope scope : scopesFor(action)) {
                for (String actor : ACTORS) {
                    for (Optional<String> branch : BRANCHES) {
                        String name = action + " scope=" + scope + " actor=" + actor + " coord=" + branch.orElse("-");
                        tests.add(DynamicTest.dynamicTest(name, () -> check(action, scope, actor, branch)));
                    }
                }
            }
        }
        // 7 scoped actions × 4 scopes + 3 unscoped × 1, × 3 actors × 3 coordinates
        assertThat(tests).hasSize((7 * 4 + 3) * 3 * 3);
        return tests;
    }

    private void check(Action action, BranchScope scope, String actor, Optional<String> coord) {
        PolicyEngine engine = engine(action, scope);
        // the coordinate goes where the action's scope kind reads it; the other coordinate is set to the opposite
        // protected-ness to prove it is ignored
        AuthzRequest req = AuthzRequest.of(actor, action);
        if (action.acceptsTargetBranchScope()) {
            req = new AuthzRequest(actor, action, Optional.of(coord.map(c -> c.equals("main") ? "feature" : "main")
                    .orElse("main")), coord, Optional.empty());
        } else {
            req = new AuthzRequest(actor, action, coord, Optional.of(coord.map(c -> c.equals("main") ? "feature"
                    : "main").orElse("main")), Optional.empty());
        }
        boolean want = expected(actor, scope, action.acceptsTargetBranchScope() ? coord
                : action.acceptsBranchScope() ? coord : Optional.empty());
        Decision d = engine.authorize(req);
        assertThat(d.allowed()).as("%s → %s", req, d.message()).isEqualTo(want);
        if (want) {
            assertThat(d.matchedRuleId()).contains("grant-" + action.wireName());
            assertThat(d.message()).isEqualTo("policy allowed action '" + action.wireName() + "' for actor '"
                    + actor + "'");
            assertThat(d.basis()).isEqualTo(DecisionBasis.POLICY);
        } else {
            assertThat(d.matchedRuleId()).isEmpty();
            if (actor.equals("carol")) {
                assertThat(d.basis()).isEqualTo(DecisionBasis.UNKNOWN_ACTOR);
                assertThat(d.message()).isEqualTo("policy denied action '" + action.wireName()
                        + "' for unknown actor 'carol'");
            } else {
                assertThat(d.basis()).isEqualTo(DecisionBasis.POLICY);
                assertThat(d.message()).startsWith("policy denied action '" + action.wireName() + "'")
                        .endsWith(" for actor '" + actor + "'");
            }
        }
    }

    @TestFactory
    List<DynamicTest> aGrantNeverLeaksToAnotherAction() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Action granted : Action.values()) {
            for (Action asked : Action.values()) {
                if (granted == asked) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(granted + " does not grant " + asked, () -> {
                    Decision d = engine(granted, null).authorize(new AuthzRequest("alice", asked,
                            Optional.of("feature"), Optional.of("feature"), Optional.of("q")));
                    assertThat(d.allowed()).as(d.message()).isFalse();
                }));
            }
        }
        return tests;
    }

    /** The literal table over the demo bundle (graph scope) — every row checked by hand against the YAML. */
    @ParameterizedTest(name = "{0} {1} branch={2} target={3} ⇒ {4} ({5})")
    @CsvSource(nullValues = "-", textBlock = """
            andrew,  read,          main,    -,       allow, admins-everything
            andrew,  change,        main,    -,       allow, admins-everything
            andrew,  schema_apply,  -,       main,    allow, admins-everything
            andrew,  admin,         -,       -,       deny,  -
            andrew,  graph_list,    -,       -,       deny,  -
            ruth,    read,          main,    -,       allow, reviewers-read
            ruth,    export,        feature, -,       allow, reviewers-read
            ruth,    change,        feature, -,       deny,  -
            ruth,    branch_merge,  feature, main,    allow, reviewers-merge-into-main
            ruth,    branch_delete, -,       feature, allow, reviewers-merge-into-main
            ruth,    branch_create, main,    feature, deny,  -
            ruth,    invoke_query,  -,       -,       allow, reviewers-read
            agent-1, read,          main,    -,       allow, agents-read
            agent-1, change,        main,    -,       deny,  -
            agent-1, change,        feature, -,       allow, agents-write-own-branches
            agent-1, change,        -,       -,       deny,  -
            agent-2, branch_create, main,    feature, allow, agents-open-branches
            agent-2, branch_create, main,    main,    deny,  -
            agent-2, branch_create, main,    -,       deny,  -
            agent-2, branch_merge,  feature, main,    deny,  -
            agent-2, schema_apply,  -,       main,    deny,  -
            agent-2, export,        feature, -,       deny,  -
            mallory, read,          main,    -,       deny,  -
            """)
    void literalRows(String actor, String action, String branch, String target, String verdict, String rule) {
        PolicyEngine demo = ENGINES.computeIfAbsent("demo", k -> Bundles.graphEngine(
                Bundles.resource("base.policy.yaml"), GRAPH));
        Decision d = demo.authorize(new AuthzRequest(actor, Action.fromWireName(action).orElseThrow(),
                Optional.ofNullable(branch), Optional.ofNullable(target), Optional.empty()));
        assertThat(d.verdict()).as(d.message()).isEqualTo(verdict);
        assertThat(d.matchedRuleId()).isEqualTo(Optional.ofNullable(rule));
    }

    @ParameterizedTest(name = "server bundle: {0} {1} ⇒ {2}")
    @CsvSource(textBlock = """
            andrew,  graph_list, allow
            agent-2, graph_list, allow
            mallory, graph_list, deny
            andrew,  read,       deny
            """)
    void serverBundle(String actor, String action, String verdict) {
        PolicyEngine server = ENGINES.computeIfAbsent("server", k -> Bundles.serverEngine(
                Bundles.resource("server.policy.yaml")));
        Decision d = server.authorize(AuthzRequest.of(actor, Action.fromWireName(action).orElseThrow()));
        assertThat(d.verdict()).as(d.message()).isEqualTo(verdict);
        if (d.allowed()) {
            assertThat(d.matchedRuleId()).contains("everyone-lists-graphs");
        }
    }
}
