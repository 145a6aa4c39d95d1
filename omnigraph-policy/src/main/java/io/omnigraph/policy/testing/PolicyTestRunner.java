package io.omnigraph.policy.testing;

import io.omnigraph.policy.Actor;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.gate.GateScope;
import io.omnigraph.policy.gate.PolicyGate;

import java.util.List;
import java.util.Optional;

/** Runs a {@link PolicyTestFile} against a gate (normally {@link PolicyGate#cedar}); every case is evaluated. */
public final class PolicyTestRunner {
    private PolicyTestRunner() {
    }

    /** The outcome of one case. */
    public record CaseResult(PolicyTestCase testCase, Decision actual) {
        public boolean passed() {
            return actual.allowed() == testCase.expectAllow();
        }

        /** {@code <id>: expected Allow but got deny} (spec §5.5 wording). */
        public String failureLine() {
            return testCase.id() + ": expected " + (testCase.expectAllow() ? "Allow" : "Deny") + " but got "
                    + actual.verdict();
        }
    }

    /** All results, in file order. */
    public record Report(List<CaseResult> results) {
        public Report {
            results = List.copyOf(results);
        }

        public boolean passed() {
            return results.stream().allMatch(CaseResult::passed);
        }

        public List<CaseResult> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }
    }

    public static Report run(PolicyGate gate, PolicyTestFile file) {
        return new Report(file.cases().stream().map(c -> new CaseResult(c, gate.check(Optional.of(Actor.of(c.actor())),
                c.action(), new GateScope(c.branch(), c.targetBranch(), c.query())))).toList());
    }
}
