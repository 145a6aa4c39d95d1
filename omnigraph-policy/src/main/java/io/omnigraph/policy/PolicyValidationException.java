package io.omnigraph.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A bundle or test file was rejected. Carries every diagnostic found (never empty). */
public final class PolicyValidationException extends Exception {
    private final List<PolicyDiagnostic> diagnostics;

    public PolicyValidationException(List<PolicyDiagnostic> diagnostics) {
        super(summary(diagnostics));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<PolicyDiagnostic> diagnostics() {
        return diagnostics;
    }

    /** The code of the first diagnostic. */
    public PolicyErrorCode code() {
        return diagnostics.getFirst().code();
    }

    private static String summary(List<PolicyDiagnostic> ds) {
        return ds.stream().map(PolicyDiagnostic::render).collect(Collectors.joining("; "));
    }
}
