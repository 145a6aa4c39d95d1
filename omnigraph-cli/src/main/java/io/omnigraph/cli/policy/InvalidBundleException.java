package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliException;
import io.omnigraph.policy.PolicyDiagnostic;
import io.omnigraph.policy.PolicyValidationException;

import java.util.List;
import java.util.stream.Collectors;

/** A bundle (or test file) failed validation; the message lists every diagnostic, one per line. */
final class InvalidBundleException extends CliException {
    private final List<PolicyDiagnostic> diagnostics;

    InvalidBundleException(String what, PolicyValidationException e) {
        super("policy_invalid", what + " is invalid (" + e.diagnostics().size() + " problem"
                + (e.diagnostics().size() == 1 ? "" : "s") + "):\n" + e.diagnostics().stream()
                .map(d -> "  " + d.render()).collect(Collectors.joining("\n")));
        this.diagnostics = e.diagnostics();
    }

    List<PolicyDiagnostic> diagnostics() {
        return diagnostics;
    }
}
