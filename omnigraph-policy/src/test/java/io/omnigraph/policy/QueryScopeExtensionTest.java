package io.omnigraph.policy;

import io.omnigraph.policy.cedar.PolicyEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The additive {@code queries: [...]} extension on invoke_query rules (compiled into the Cedar condition). */
class QueryScopeExtensionTest {
    static final String BUNDLE = """
            version: 1
            groups:
              agents: [agent-1]
              staff: [ruth]
            rules:
              - id: agents-curated
                allow:
                  actors: { group: agents }
                  actions: [invoke_query]
                  queries: [find_person, list_docs]
              - id: staff-any-query
                allow:
                  actors: { group: staff }
                  actions: [invoke_query]
            """;

    @Test
    void queriesRestrictInvokeQueryThroughCedar() {
        PolicyEngine e = Bundles.graphEngine(BUNDLE, "knowledge");
        assertThat(e.compiled().policies().get("agents-curated:invoke_query"))
                .contains("when { context.has_query && [\"find_person\", \"list_docs\"].contains(context.query) }");
        Decision ok = e.authorize(AuthzRequest.of("agent-1", Action.INVOKE_QUERY).withQuery("find_person"));
        assertThat(ok.allowed()).isTrue();
        assertThat(ok.matchedRuleId()).contains("agents-curated");
        Decision other = e.authorize(AuthzRequest.of("agent-1", Action.INVOKE_QUERY).withQuery("drop_everything"));
        assertThat(other.allowed()).isFalse();
        assertThat(other.message())
                .isEqualTo("policy denied action 'invoke_query' (query 'drop_everything') for actor 'agent-1'");
        // a restricted rule never matches a request without a query name
        assertThat(e.authorize(AuthzRequest.of("agent-1", Action.INVOKE_QUERY)).allowed()).isFalse();
        // a rule without `queries` allows any (or no) query
        assertThat(e.authorize(AuthzRequest.of("ruth", Action.INVOKE_QUERY).withQuery("drop_everything")).allowed())
                .isTrue();
        assertThat(e.authorize(AuthzRequest.of("ruth", Action.INVOKE_QUERY)).allowed()).isTrue();
    }

    @Test
    void queriesOnlyOnPureInvokeQueryRules() {
        for (String actions : List.of("[read, invoke_query]", "[read]", "[graph_list]")) {
            List<PolicyDiagnostic> ds = BundleParsingTest.rejects("""
                    version: 1
                    groups: { g: [a] }
                    rules:
                      - id: r
                        allow:
                          actors: { group: g }
                          actions: %s
                          queries: [q]
                    """.formatted(actions));
            assertThat(ds).extracting(PolicyDiagnostic::code).as(actions).contains(PolicyErrorCode.INVALID_QUERIES);
            assertThat(ds).filteredOn(d -> d.code() == PolicyErrorCode.INVALID_QUERIES).first()
                    .satisfies(d -> {
                        assertThat(d.path()).isEqualTo("rules[0].allow.queries");
                        assertThat(d.message()).contains("invoke_query");
                    });
        }
    }

    @Test
    void emptyOrBlankQueryNamesAreRejected() {
        String tpl = """
                version: 1
                groups: { g: [a] }
                rules:
                  - id: r
                    allow:
                      actors: { group: g }
                      actions: [invoke_query]
                      queries: %s
                """;
        PolicyDiagnostic empty = BundleParsingTest.single(tpl.formatted("[]"));
        assertThat(empty.code()).isEqualTo(PolicyErrorCode.INVALID_QUERIES);
        assertThat(empty.message()).contains("omit the key");
        PolicyDiagnostic blank = BundleParsingTest.single(tpl.formatted("[ok, \" \"]"));
        assertThat(blank.path()).isEqualTo("rules[0].allow.queries[1]");
    }
}
