package io.omnigraph.policy.cedar;

import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import io.omnigraph.policy.Bundles;
import io.omnigraph.policy.PolicyErrorCode;
import io.omnigraph.policy.PolicyEvaluationException;
import io.omnigraph.policy.bundle.PolicyBundle;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load-time strict validation against the Cedar schema really rejects what a buggy compiler could emit. */
class CedarValidationTest {
    private final PolicyBundle bundle = Bundles.parse("version: 1\n");

    private static PolicySet set(String text) {
        return new PolicySet(Set.of(new Policy(text, "bad:read")));
    }

    @Test
    void wellFormedPoliciesPass() {
        PolicyEngine.validate(set("""
                permit (principal in Omnigraph::Group::"g", action == Omnigraph::Action::"read",
                        resource == Omnigraph::Graph::"k") when { context.has_branch && context.branch_is_protected };
                """), bundle);
    }

    @Test
    void unknownContextAttributeIsRejected() {
        assertThatThrownBy(() -> PolicyEngine.validate(set("""
                permit (principal in Omnigraph::Group::"g", action == Omnigraph::Action::"read",
                        resource == Omnigraph::Graph::"k") when { context.is_protected };
                """), bundle)).isInstanceOfSatisfying(PolicyEvaluationException.class, e -> {
                    assertThat(e.code()).isEqualTo(PolicyErrorCode.CEDAR_VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("compiler defect");
                });
    }

    @Test
    void wrongResourceTypeForActionIsRejected() {
        // graph_list applies to Server only; a Graph resource is impossible under the schema
        assertThatThrownBy(() -> PolicyEngine.validate(set("""
                permit (principal in Omnigraph::Group::"g", action == Omnigraph::Action::"graph_list",
                        resource == Omnigraph::Graph::"k");
                """), bundle)).isInstanceOf(PolicyEvaluationException.class);
        // an action that does not exist
        assertThatThrownBy(() -> PolicyEngine.validate(set("""
                permit (principal, action == Omnigraph::Action::"delete_everything", resource);
                """), bundle)).isInstanceOf(PolicyEvaluationException.class);
    }

    @Test
    void schemaTextListsEveryAction() {
        for (io.omnigraph.policy.Action a : io.omnigraph.policy.Action.values()) {
            assertThat(CedarSchema.TEXT).contains("\"" + a.wireName() + "\"");
        }
        assertThat(CedarSchema.schema()).isNotNull();
    }
}
