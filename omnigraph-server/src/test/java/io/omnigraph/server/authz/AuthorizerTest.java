package io.omnigraph.server.authz;

import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.testing.FakePolicy;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizerTest {
    private static final Optional<String> ACTOR = Optional.of("act-a");

    @Test
    void classificationTable() throws Exception {
        assertThatThrownBy(() -> RuntimeState.classify(false, false, false))
                .isInstanceOf(RuntimeStateRefusal.class).hasMessageContaining("--unauthenticated");
        assertThat(RuntimeState.classify(false, false, true)).isEqualTo(RuntimeState.OPEN);
        assertThat(RuntimeState.classify(true, false, false)).isEqualTo(RuntimeState.DEFAULT_DENY);
        assertThat(RuntimeState.classify(true, false, true)).isEqualTo(RuntimeState.DEFAULT_DENY);
        assertThatThrownBy(() -> RuntimeState.classify(false, true, false))
                .hasMessageContaining("policy file is configured but no bearer tokens").hasMessageContaining("401");
        assertThatThrownBy(() -> RuntimeState.classify(false, true, true))
                .hasMessageContaining("policy file is configured but no bearer tokens");
        assertThat(RuntimeState.classify(true, true, false)).isEqualTo(RuntimeState.POLICY_ENABLED);
        assertThat(RuntimeState.classify(true, true, true)).isEqualTo(RuntimeState.POLICY_ENABLED);
        assertThat(RuntimeState.OPEN.requiresAuth()).isFalse();
        assertThat(RuntimeState.DEFAULT_DENY.requiresAuth()).isTrue();
    }

    @Test
    void openModeAllowsEveryGraphActionButNeverGraphList() {
        Authorizer a = new Authorizer(RuntimeState.OPEN);
        for (Action action : Action.values()) {
            PolicyDecision d = a.decide(Optional.empty(), Optional.empty(), AccessRequest.of(action), "graph 'k'");
            assertThat(d.allowed()).as(action.wire()).isEqualTo(action != Action.GRAPH_LIST);
        }
    }

    @Test
    void defaultDenyAllowsOnlyRead() {
        Authorizer a = new Authorizer(RuntimeState.DEFAULT_DENY);
        for (Action action : Action.values()) {
            PolicyDecision d = a.decide(ACTOR, Optional.empty(), AccessRequest.onBranch(action, "main"), "graph 'k'");
            assertThat(d.allowed()).as(action.wire()).isEqualTo(action == Action.READ);
        }
        assertThatThrownBy(() -> a.require(ACTOR, Optional.empty(), AccessRequest.onBranch(Action.CHANGE, "main"), "graph 'k'"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.body().code()).contains(io.omnigraph.server.error.ErrorCode.FORBIDDEN);
                    assertThat(e.body().error()).contains("action 'change' on branch 'main'").contains("act-a");
                });
    }

    @Test
    void policyDecidesWhenPresent() {
        Authorizer a = new Authorizer(RuntimeState.POLICY_ENABLED);
        FakePolicy policy = new FakePolicy().grant("act-a", Action.CHANGE);
        assertThat(a.decide(ACTOR, Optional.of(policy), AccessRequest.onBranch(Action.CHANGE, "b"), "g").allowed()).isTrue();
        assertThat(a.decide(ACTOR, Optional.of(policy), AccessRequest.onBranch(Action.READ, "b"), "g").allowed()).isFalse();
        assertThat(a.decide(Optional.of("stranger"), Optional.of(policy), AccessRequest.of(Action.READ), "g").message())
                .contains("unknown actor 'stranger'");
        assertThat(policy.asked()).containsExactly("act-a:change:b", "act-a:read:b", "stranger:read");
    }

    @Test
    void graphWithoutBundleIsReadOnlyInPolicyMode() {
        Authorizer a = new Authorizer(RuntimeState.POLICY_ENABLED);
        assertThat(a.decide(ACTOR, Optional.empty(), AccessRequest.of(Action.READ), "graph 'k'").allowed()).isTrue();
        PolicyDecision d = a.decide(ACTOR, Optional.empty(), AccessRequest.of(Action.EXPORT), "graph 'k'");
        assertThat(d.allowed()).isFalse();
        assertThat(d.message()).contains("no policy bundle is bound to graph 'k'");
    }

    @Test
    void policyWithoutActorIs401AndBrokenPolicyIs500() {
        Authorizer a = new Authorizer(RuntimeState.POLICY_ENABLED);
        assertThatThrownBy(() -> a.decide(Optional.empty(), Optional.of(new FakePolicy()), AccessRequest.of(Action.READ), "g"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> a.decide(ACTOR, Optional.of(new FakePolicy().broken()), AccessRequest.of(Action.READ), "g"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.body().error()).startsWith("policy: ");
                });
    }

    @Test
    void describePhrase() {
        assertThat(AccessRequest.between(Action.BRANCH_MERGE, "f", "main").describe())
                .isEqualTo("action 'branch_merge' on branch 'f' targeting branch 'main'");
        assertThat(AccessRequest.of(Action.INVOKE_QUERY).describe()).isEqualTo("action 'invoke_query'");
    }
}
