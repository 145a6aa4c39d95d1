package io.omnigraph.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.PolicyBundle;

import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for policy bundle YAML: any text parses to a bundle or fails with a
 * {@link PolicyValidationException} carrying diagnostics — never another exception. Regression inputs:
 * {@code src/test/resources/io/omnigraph/policy/fuzz/PolicyFuzzTestInputs/policyYaml/}; fuzz with
 * {@code JAZZER_FUZZ=1}.
 */
class PolicyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void policyYaml(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        try {
            PolicyBundle b = PolicyBundle.parse(yaml, "fuzz.policy.yaml");
            if (b == null) {
                throw new AssertionError("parse returned null");
            }
        } catch (PolicyValidationException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("validation error without a message", e);
            }
        }
    }
}
