package io.omnigraph.policy;

import io.omnigraph.policy.cedar.PolicyEngine;
import io.omnigraph.policy.cedar.PolicyResource;
import io.omnigraph.policy.gate.AuthMode;
import io.omnigraph.policy.gate.GatePosture;
import io.omnigraph.policy.gate.GateScope;
import io.omnigraph.policy.gate.PolicyDeniedException;
import io.omnigraph.policy.gate.PolicyGate;
import io.omnigraph.policy.gate.PostureReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one enforcement gate: unrestricted, default posture (spec §4.3), Cedar-backed with fail-closed (§5.4). */
class PolicyGateTest {
    static final Optional<Actor> ANDREW = Optional.of(Actor.of("andrew"));
    static final Optional<Actor> AGENT = Optional.of(Actor.of("agent-1"));
    static final Optional<Actor> NOBODY = Optional.empty();

    static PolicyGate demoGate() {
        return PolicyGate.cedar(Bundles.demoEngine("knowledge"));
    }

    @Test
    void unrestrictedAllowsEverythingWithOrWithoutActor() {
        PolicyGate g = PolicyGate.unrestricted();
        for (Action a : Action.values()) {
            for (Optional<Actor> actor : List.of(ANDREW, NOBODY)) {
                Decision d = g.check(actor, a, GateScope.onBranch("main"));
                assertThat(d.allowed()).isTrue();
                assertThat(d.basis()).isEqualTo(DecisionBasis.UNRESTRICTED);
            }
        }
        assertThat(g.posture().kind()).isEqualTo(GatePosture.Kind.UNRESTRICTED);
        assertThat(g.posture().description()).isEqualTo(GatePosture.UNRESTRICTED);
    }

    @Test
    void defaultPostureOfAGraphWithoutBundle() {
        PolicyGate g = PolicyGate.forGraph("knowledge", Optional.empty(), AuthMode.POLICY_ENABLED);
        PolicyGate openGate = PolicyGate.forGraph("knowledge", Optional.empty(), AuthMode.OPEN);
        assertThat(g.posture().kind()).isEqualTo(GatePosture.Kind.DEFAULT_DENY);
        assertThat(g.posture().render())
                .isEqualTo("graph 'knowledge': no bundle bound: read-only for authenticated actors (default deny)");
        for (Action a : Action.values()) {
            Decision withActor = g.check(ANDREW, a, GateScope.onBranch("main"));
            Decision open = openGate.check(NOBODY, a, GateScope.onBranch("main"));
            Decision anonymous = g.check(NOBODY, a, GateScope.onBranch("main"));
            assertThat(withActor.basis()).isEqualTo(DecisionBasis.DEFAULT_POSTURE);
            // outside open mode, a missing actor is refused (fail closed), whatever the action
            assertThat(anonymous.allowed()).isFalse();
            assertThat(anonymous.basis()).isIn(DecisionBasis.ACTOR_REQUIRED, DecisionBasis.DEFAULT_POSTURE);
            switch (a) {
                case READ -> {
                    assertThat(withActor.allowed()).isTrue();
                    assertThat(open.allowed()).isTrue();
                }
                case GRAPH_LIST -> {
                    // server-scoped: denied always, even in open mode
                    assertThat(withActor.allowed()).isFalse();
                    assertThat(open.allowed()).isFalse();
                    assertThat(open.message()).contains("graph_list").contains("applies_to: [cluster]");
                }
                default -> {
                    assertThat(withActor.allowed()).as(a.wireName()).isFalse();
                    assertThat(withActor.message()).startsWith("policy denied action '" + a.wireName()
                            + "' on branch 'main' for actor 'andrew'").contains("default deny");
                    assertThat(open.allowed()).as("open mode allows " + a.wireName()).isTrue();
                    assertThat(open.message()).contains("open mode");
                }
            }
        }
    }

    @Test
    void serverScopeWithoutClusterBundleDeniesGraphList() {
        PolicyGate g = PolicyGate.forServer(Optional.empty(), AuthMode.POLICY_ENABLED);
        assertThat(g.posture().description()).isEqualTo(GatePosture.NO_BUNDLE_SERVER);
        assertThat(g.check(ANDREW, Action.GRAPH_LIST, GateScope.none()).allowed()).isFalse();
        // §8.26: GET /graphs is 403 even unauthenticated (open mode)
        Decision open = PolicyGate.forServer(Optional.empty(), AuthMode.OPEN).check(NOBODY, Action.GRAPH_LIST,
                GateScope.none());
        assertThat(open.allowed()).isFalse();
        assertThat(open.basis()).isEqualTo(DecisionBasis.DEFAULT_POSTURE);
        PolicyGate bound = PolicyGate.forServer(Optional.of(Bundles.serverEngine(
                Bundles.resource("server.policy.yaml"))), AuthMode.POLICY_ENABLED);
        assertThat(bound.check(ANDREW, Action.GRAPH_LIST, GateScope.none()).allowed()).isTrue();
        assertThat(bound.check(Optional.of(Actor.of("mallory")), Action.GRAPH_LIST, GateScope.none()).allowed())
                .isFalse();
        assertThat(bound.posture().scope()).isEqualTo("the server (cluster scope)");
    }

    @Test
    void cedarGateDecidesAndFailsClosedWithoutActor() {
        PolicyGate g = demoGate();
        assertThat(g.posture().kind()).isEqualTo(GatePosture.Kind.POLICY);
        assertThat(g.posture().bundleName()).contains("base");
        assertThat(g.posture().digest()).hasValueSatisfying(d -> assertThat(d).startsWith("sha256:"));
        Decision ok = g.check(AGENT, Action.CHANGE, GateScope.onBranch("feature"));
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.matchedRuleId()).contains("agents-write-own-branches");
        Decision no = g.check(AGENT, Action.CHANGE, GateScope.onBranch("main"));
        assertThat(no.allowed()).isFalse();
        assertThat(no.basis()).isEqualTo(DecisionBasis.POLICY);
        // installed checker, no actor threaded ⇒ fail closed, for reads and writes alike
        for (Action a : Action.values()) {
            Decision d = g.check(NOBODY, a, GateScope.onBranch("feature"));
            assertThat(d.allowed()).isFalse();
            assertThat(d.basis()).isEqualTo(DecisionBasis.ACTOR_REQUIRED);
            assertThat(d.message()).contains("fail closed").contains("'base'");
        }
    }

    @Test
    void enforceThrowsWithTheDecision() {
        PolicyGate g = demoGate();
        assertThat(g.enforce(ANDREW, Action.SCHEMA_APPLY, GateScope.targeting("main")).matchedRuleId())
                .contains("admins-everything");
        assertThatThrownBy(() -> g.enforce(AGENT, Action.BRANCH_MERGE, GateScope.fromTo("feature", "main")))
                .isInstanceOfSatisfying(PolicyDeniedException.class, e -> {
                    assertThat(e.code()).isEqualTo("policy_denied");
                    assertThat(e.getMessage()).isEqualTo("policy denied action 'branch_merge' on branch 'feature' "
                            + "targeting branch 'main' for actor 'agent-1'");
                    assertThat(e.action()).isEqualTo(Action.BRANCH_MERGE);
                });
        assertThatThrownBy(() -> g.enforce(NOBODY, Action.CHANGE, GateScope.onBranch("x")))
                .isInstanceOfSatisfying(PolicyDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo("policy_actor_required"));
    }

    @Test
    void invocableQueriesFiltersByInvokeQuery() {
        PolicyGate g = PolicyGate.cedar(Bundles.graphEngine(QueryScopeExtensionTest.BUNDLE, "k"));
        List<String> all = List.of("find_person", "drop_everything", "list_docs");
        assertThat(g.invocableQueries(Optional.of(Actor.of("agent-1")), all)).containsExactly("find_person",
                "list_docs");
        assertThat(g.invocableQueries(Optional.of(Actor.of("ruth")), all)).isEqualTo(all);
        assertThat(g.invocableQueries(Optional.of(Actor.of("stranger")), all)).isEmpty();
        // default posture: authenticated actors may not invoke (≠ read); open mode may
        PolicyGate none = PolicyGate.defaultPosture(PolicyResource.graph("k"), AuthMode.POLICY_ENABLED);
        assertThat(none.invocableQueries(Optional.of(Actor.of("ruth")), all)).isEmpty();
        assertThat(none.invocableQueries(Optional.empty(), all)).isEmpty();
        PolicyGate open = PolicyGate.defaultPosture(PolicyResource.graph("k"), AuthMode.OPEN);
        assertThat(open.invocableQueries(Optional.empty(), all)).isEqualTo(all);
    }

    @Test
    void authModeTable() {
        assertThat(AuthMode.resolve(false, false, true)).isEqualTo(AuthMode.OPEN);
        assertThat(AuthMode.resolve(true, false, false)).isEqualTo(AuthMode.DEFAULT_DENY);
        assertThat(AuthMode.resolve(true, false, true)).isEqualTo(AuthMode.DEFAULT_DENY);
        assertThat(AuthMode.resolve(true, true, false)).isEqualTo(AuthMode.POLICY_ENABLED);
        assertThat(AuthMode.resolve(true, true, true)).isEqualTo(AuthMode.POLICY_ENABLED);
        assertThatThrownBy(() -> AuthMode.resolve(false, false, false))
                .isInstanceOf(AuthMode.RefusedException.class).hasMessageContaining("--unauthenticated");
        assertThatThrownBy(() -> AuthMode.resolve(false, true, true))
                .isInstanceOf(AuthMode.RefusedException.class)
                .hasMessageContaining("policy file is configured but no bearer tokens");
        assertThat(AuthMode.OPEN.bearerRequired()).isFalse();
        assertThat(AuthMode.DEFAULT_DENY.bearerRequired()).isTrue();
    }

    @Test
    void scenario28DefaultDenyAndScenario29StoredQueryGating() throws Exception {
        // §8.28: tokens, no bundles ⇒ reads pass, mutations are denied for an authenticated actor
        PolicyGate noBundle = PolicyGate.forGraph("knowledge", Optional.empty(), AuthMode.DEFAULT_DENY);
        Optional<Actor> reader = Optional.of(Actor.of("act-reader"));
        assertThat(noBundle.check(reader, Action.READ, GateScope.onBranch("main")).allowed()).isTrue();
        assertThat(noBundle.check(reader, Action.CHANGE, GateScope.onBranch("main")).allowed()).isFalse();
        // §8.29: a bundle granting read only ⇒ invoke_query denied; invoke_query without read ⇒ read denied
        PolicyEngine readOnly = Bundles.graphEngine("""
                version: 1
                groups: { readers: [andrew] }
                rules:
                  - id: r
                    allow: { actors: { group: readers }, actions: [read] }
                """, "knowledge");
        PolicyGate g = PolicyGate.forGraph("knowledge", Optional.of(readOnly), AuthMode.POLICY_ENABLED);
        Optional<Actor> andrew = Optional.of(Actor.of("andrew"));
        assertThat(g.check(andrew, Action.INVOKE_QUERY, GateScope.query("find_person")).allowed()).isFalse();
        assertThat(g.check(andrew, Action.READ, GateScope.onBranch("main")).allowed()).isTrue();
        // §8.26: F's bundle grants only change ⇒ read (GET /queries) denied
        PolicyEngine f = Bundles.graphEngine("""
                version: 1
                groups:
                  cluster_operators: [act-cluster-test, act-operator, andrew]
                rules:
                  - id: operators-change
                    allow: { actors: { group: cluster_operators }, actions: [change] }
                """, "knowledge");
        PolicyGate fg = PolicyGate.cedar(f);
        assertThat(fg.check(andrew, Action.READ, GateScope.onBranch("main")).allowed()).isFalse();
        assertThat(fg.check(andrew, Action.INVOKE_QUERY, GateScope.query("find_person")).allowed()).isFalse();
        assertThat(fg.check(andrew, Action.CHANGE, GateScope.onBranch("main")).allowed()).isTrue();
        // §8.30: schema_apply granted vs not
        assertThat(fg.check(andrew, Action.SCHEMA_APPLY, GateScope.targeting("main")).allowed()).isFalse();
        assertThat(demoGate().check(ANDREW, Action.SCHEMA_APPLY, GateScope.targeting("main")).allowed()).isTrue();
    }

    @Test
    void postureReportIsLoudAboutUnboundGraphs() {
        PolicyGate server = PolicyGate.forServer(Optional.of(Bundles.serverEngine(
                Bundles.resource("server.policy.yaml"))), AuthMode.POLICY_ENABLED);
        PostureReport report = PostureReport.of(AuthMode.POLICY_ENABLED, server, java.util.Map.of(
                "knowledge", demoGate(),
                "alpha", PolicyGate.forGraph("alpha", Optional.empty(), AuthMode.POLICY_ENABLED)));
        assertThat(report.lines()).hasSize(4);
        assertThat(report.lines().get(0)).startsWith("authorization: PolicyEnabled");
        assertThat(report.lines().get(1)).startsWith("the server (cluster scope): policy bundle 'test' bound");
        assertThat(report.lines().get(2))
                .isEqualTo("graph 'alpha': no bundle bound: read-only for authenticated actors (default deny)");
        assertThat(report.lines().get(3)).startsWith("graph 'knowledge': policy bundle 'base' bound: Cedar decides");
        assertThat(report.warnings()).containsExactly(report.lines().get(2));
        // in DefaultDeny mode every graph is unbound by definition: nothing surprising to warn about
        PostureReport dd = PostureReport.of(AuthMode.DEFAULT_DENY,
                PolicyGate.forServer(Optional.empty(), AuthMode.DEFAULT_DENY),
                java.util.Map.of("alpha", PolicyGate.forGraph("alpha", Optional.empty(), AuthMode.DEFAULT_DENY)));
        assertThat(dd.warnings()).isEmpty();
        assertThat(dd.lines().get(1)).isEqualTo("the server (cluster scope): " + GatePosture.NO_BUNDLE_SERVER);
    }
}
