package io.omnigraph.policy;

import io.omnigraph.policy.cedar.PolicyEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical digest of a compiled policy set: stable across runs, blind to YAML ordering, sensitive to meaning. */
class DigestTest {
    static final String BUNDLE = """
            version: 1
            groups:
              admins: [andrew]
              agents: [agent-1, agent-2]
            protected_branches: [main]
            rules:
              - id: admins-all
                allow:
                  actors: { group: admins }
                  actions: [read, change, schema_apply]
              - id: agents-write
                allow:
                  actors: { group: agents }
                  actions: [change]
                  branch_scope: unprotected
            """;

    /**
     * Pinned value. It changes only when the compiled output changes (compiler, schema or canonical form). If this
     * fails after an intentional compiler change, bump {@code CompiledPolicySet.CANONICAL_FORM} and update the pin:
     * the cluster catalog and caches key on this digest.
     */
    static final String PINNED = "sha256:89a089f9e033a6a46f0cc9d8413e0d6de75692ed776cba1cc192bdbe1a60f695";

    @Test
    void digestIsStableAcrossCompilations() {
        String a = Bundles.graphEngine(BUNDLE, "knowledge").digest();
        String b = Bundles.graphEngine(BUNDLE, "knowledge").digest();
        assertThat(a).isEqualTo(b).startsWith("sha256:").hasSize(7 + 64);
        System.out.println("compiled digest: " + a);
        assertThat(a).isEqualTo(PINNED);
    }

    @Test
    void digestIgnoresOrderingInTheFile() {
        String reordered = """
                rules:
                  - id: agents-write
                    allow:
                      branch_scope: unprotected
                      actions: [change]
                      actors: { group: agents }
                  - id: admins-all
                    allow:
                      actions: [schema_apply, change, read]
                      actors: { group: admins }
                protected_branches: [main]
                groups:
                  agents: [agent-2, agent-1]
                  admins: [andrew]
                version: 1
                """;
        assertThat(Bundles.graphEngine(reordered, "knowledge").digest())
                .isEqualTo(Bundles.graphEngine(BUNDLE, "knowledge").digest());
    }

    @Test
    void digestChangesWithMeaning() {
        String base = Bundles.graphEngine(BUNDLE, "knowledge").digest();
        assertThat(Bundles.graphEngine(BUNDLE.replace("unprotected", "protected"), "knowledge").digest())
                .isNotEqualTo(base);
        assertThat(Bundles.graphEngine(BUNDLE.replace("[agent-1, agent-2]", "[agent-1]"), "knowledge").digest())
                .isNotEqualTo(base);
        assertThat(Bundles.graphEngine(BUNDLE, "other").digest()).isNotEqualTo(base);
        assertThat(Bundles.graphEngine(BUNDLE.replace("id: admins-all", "id: admins-everything"), "knowledge")
                .digest()).isNotEqualTo(base);
        // protected_branches only feed the request context (not the policy text), yet they change decisions
        PolicyEngine withRelease = Bundles.graphEngine(BUNDLE.replace("[main]", "[main, release]"), "knowledge");
        assertThat(withRelease.digest()).isNotEqualTo(base);
    }
}
