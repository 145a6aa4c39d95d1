package io.omnigraph.policy;

import io.omnigraph.policy.gate.PolicyGate;
import io.omnigraph.policy.testing.PolicyTestFile;
import io.omnigraph.policy.testing.PolicyTestRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTestRunnerTest {
    static final String FILE = "base.tests.yaml";

    static List<PolicyDiagnostic> rejects(String yaml) {
        try {
            PolicyTestFile.parse(yaml, FILE);
            throw new AssertionError("expected rejection");
        } catch (PolicyValidationException e) {
            return e.diagnostics();
        }
    }

    @Test
    void runsEveryCaseAndReportsFailuresInSpecWording() throws Exception {
        PolicyTestFile tests = PolicyTestFile.parse("""
                version: 1
                cases:
                  - { id: admin-schema, actor: andrew, action: schema_apply, target_branch: main, expect: allow }
                  - { id: agent-main, actor: agent-1, action: change, branch: main, expect: deny }
                  - { id: agent-feature, actor: agent-1, action: change, branch: feature, expect: allow }
                  - { id: wrong-on-purpose, actor: agent-1, action: change, branch: main, expect: allow }
                  - { id: wrong-deny, actor: ruth, action: read, branch: main, expect: deny }
                  - { id: query-case, actor: ruth, action: invoke_query, query: find_person, expect: allow }
                """, FILE);
        assertThat(tests.cases()).hasSize(6);
        PolicyTestRunner.Report report = PolicyTestRunner.run(PolicyGateTest.demoGate(), tests);
        assertThat(report.results()).hasSize(6);
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(PolicyTestRunner.CaseResult::failureLine)
                .containsExactly("wrong-on-purpose: expected Allow but got deny",
                        "wrong-deny: expected Deny but got allow");
        assertThat(report.results().getFirst().actual().matchedRuleId()).contains("admins-everything");
    }

    @Test
    void allPassingReport() throws Exception {
        PolicyTestFile tests = PolicyTestFile.parse("""
                version: 1
                cases:
                  - { id: a, actor: andrew, action: graph_list, expect: deny }
                """, FILE);
        assertThat(PolicyTestRunner.run(PolicyGateTest.demoGate(), tests).passed()).isTrue();
        PolicyTestFile empty = PolicyTestFile.parse("version: 1\ncases: []\n", FILE);
        assertThat(PolicyTestRunner.run(PolicyGate.unrestricted(), empty).passed()).isTrue();
    }

    @Test
    void strictTestFiles() {
        List<PolicyDiagnostic> ds = rejects("""
                version: 1
                cases:
                  - { id: a, actor: x, action: read, expect: allow }
                  - { id: a, actor: " ", action: reed, expect: maybe }
                  - { id: "", actor: x, action: read, expect: deny }
                """);
        assertThat(ds).extracting(PolicyDiagnostic::code).containsExactly(PolicyErrorCode.DUPLICATE_CASE_ID,
                PolicyErrorCode.BLANK_ACTOR, PolicyErrorCode.UNKNOWN_ACTION, PolicyErrorCode.INVALID_EXPECT,
                PolicyErrorCode.BLANK_CASE_ID);
        assertThat(ds.get(1).ruleId()).contains("a");
        assertThat(ds.get(1).path()).isEqualTo("cases[1].actor");
        PolicyDiagnostic unknown = rejects("version: 1\ncases:\n  - { id: a, actor: x, action: read, expect: allow, "
                + "graph: g }\n").getFirst();
        assertThat(unknown.code()).isEqualTo(PolicyErrorCode.UNKNOWN_KEY);
        assertThat(unknown.ruleId()).contains("a");
        assertThat(unknown.path()).isEqualTo("cases[0].graph");
        assertThat(rejects("version: 2\ncases: []\n").getFirst().code())
                .isEqualTo(PolicyErrorCode.UNSUPPORTED_VERSION);
        assertThat(rejects("version: 1\n").getFirst().code()).isEqualTo(PolicyErrorCode.MISSING_KEY);
        assertThat(rejects("").getFirst().code()).isEqualTo(PolicyErrorCode.EMPTY_FILE);
    }
}
