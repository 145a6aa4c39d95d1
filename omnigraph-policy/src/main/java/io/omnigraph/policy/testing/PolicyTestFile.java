package io.omnigraph.policy.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.PolicyDiagnostic;
import io.omnigraph.policy.PolicyErrorCode;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.StrictYaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy test file (spec §5.1): {@code {version: 1, cases: [{id, actor, action, branch?, target_branch?, query?,
 * expect: allow|deny}]}}. Strict like bundles: unknown keys, wrong types, blank or duplicate ids, blank actors,
 * unknown actions and bad {@code expect} values are rejected with diagnostics.
 */
public record PolicyTestFile(String fileName, List<PolicyTestCase> cases) {
    public PolicyTestFile {
        cases = List.copyOf(cases);
    }

    record Raw(Integer version, List<RawCase> cases) {
    }

    record RawCase(String id, String actor, String action, String branch,
                   @JsonProperty("target_branch") String targetBranch, String query, String expect) {
    }

    public static PolicyTestFile parse(String yaml, String fileName) throws PolicyValidationException {
        List<PolicyDiagnostic> problems = new ArrayList<>();
        Raw raw = StrictYaml.read(yaml, fileName, Raw.class, "cases").orElse(null);
        if (raw == null) {
            throw new PolicyValidationException(List.of(diag(fileName, Optional.empty(), "",
                    "the file is empty; a test file needs `version: 1` and `cases:`", PolicyErrorCode.EMPTY_FILE)));
        }
        if (raw.version() == null) {
            problems.add(diag(fileName, Optional.empty(), "version", "missing key 'version' (write `version: 1`)",
                    PolicyErrorCode.MISSING_KEY));
        } else if (raw.version() != 1) {
            problems.add(diag(fileName, Optional.empty(), "version", "unsupported version " + raw.version()
                    + " (only `version: 1` exists)", PolicyErrorCode.UNSUPPORTED_VERSION));
        }
        if (raw.cases() == null) {
            problems.add(diag(fileName, Optional.empty(), "cases", "missing key 'cases' (a list of test cases)",
                    PolicyErrorCode.MISSING_KEY));
        }
        List<PolicyTestCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<RawCase> rawCases = raw.cases() == null ? List.of() : raw.cases();
        for (int i = 0; i < rawCases.size(); i++) {
            String at = "cases[" + i + "]";
            RawCase c = rawCases.get(i);
            if (c == null) {
                problems.add(diag(fileName, Optional.empty(), at, "test case is empty", PolicyErrorCode.MISSING_KEY));
                continue;
            }
            int before = problems.size();
            Optional<String> id = Optional.ofNullable(c.id()).filter(s -> !s.isBlank());
            if (id.isEmpty()) {
                problems.add(diag(fileName, Optional.empty(), at + ".id", "test case id is "
                        + (c.id() == null ? "missing" : "blank"), PolicyErrorCode.BLANK_CASE_ID));
            } else if (!ids.add(id.get())) {
                problems.add(diag(fileName, id, at + ".id", "duplicate test case id '" + id.get() + "'",
                        PolicyErrorCode.DUPLICATE_CASE_ID));
            }
            if (c.actor() == null || c.actor().isBlank()) {
                problems.add(diag(fileName, id, at + ".actor", "actor is " + (c.actor() == null ? "missing" : "blank"),
                        PolicyErrorCode.BLANK_ACTOR));
            }
            Optional<Action> action = c.action() == null ? Optional.empty() : Action.fromWireName(c.action());
            if (action.isEmpty()) {
                problems.add(diag(fileName, id, at + ".action", (c.action() == null ? "missing action"
                        : "unknown action '" + c.action() + "'") + "; known actions: "
                        + String.join(", ", Action.wireNames()), c.action() == null ? PolicyErrorCode.MISSING_KEY
                        : PolicyErrorCode.UNKNOWN_ACTION));
            }
            Boolean expect = switch (c.expect() == null ? "" : c.expect()) {
                case "allow" -> Boolean.TRUE;
                case "deny" -> Boolean.FALSE;
                default -> null;
            };
            if (expect == null) {
                problems.add(diag(fileName, id, at + ".expect", (c.expect() == null ? "missing expect"
                        : "expect '" + c.expect() + "' is not allow or deny") + "; write `expect: allow` or "
                        + "`expect: deny`", PolicyErrorCode.INVALID_EXPECT));
            }
            if (problems.size() == before) {
                cases.add(new PolicyTestCase(id.orElseThrow(), c.actor(), action.orElseThrow(),
                        Optional.ofNullable(c.branch()), Optional.ofNullable(c.targetBranch()),
                        Optional.ofNullable(c.query()), expect));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        return new PolicyTestFile(fileName, cases);
    }

    private static PolicyDiagnostic diag(String file, Optional<String> id, String path, String msg,
                                         PolicyErrorCode code) {
        return new PolicyDiagnostic(file, id, path, Optional.empty(), msg, code);
    }
}
