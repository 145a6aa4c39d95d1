package io.omnigraph.policy.cedar;

import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.schema.Schema;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.PolicyErrorCode;
import io.omnigraph.policy.PolicyEvaluationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Cedar schema every compiled bundle is validated against (spec §5.3), in namespace {@code Omnigraph}. The
 * context adds {@code has_query}/{@code query} for the query-scoped {@code invoke_query} extension.
 */
public final class CedarSchema {
    public static final String NAMESPACE = "Omnigraph";

    /** The schema source in Cedar's human-readable schema syntax. */
    public static final String TEXT = buildText();

    private static volatile Schema parsed;

    private CedarSchema() {
    }

    private static String buildText() {
        String graphActions = Arrays.stream(Action.values()).filter(a -> !a.serverScoped())
                .map(a -> "\"" + a.wireName() + "\"").collect(Collectors.joining(", "));
        String serverActions = Arrays.stream(Action.values()).filter(Action::serverScoped)
                .map(a -> "\"" + a.wireName() + "\"").collect(Collectors.joining(", "));
        return """
                namespace Omnigraph {
                  entity Group;
                  entity Actor in [Group];
                  entity Graph;
                  entity Server;
                  type RequestContext = {
                    has_branch: Bool,
                    branch: String,
                    has_target_branch: Bool,
                    target_branch: String,
                    branch_is_protected: Bool,
                    target_branch_is_protected: Bool,
                    has_query: Bool,
                    query: String
                  };
                  action %s appliesTo { principal: Actor, resource: Graph, context: RequestContext };
                  action %s appliesTo { principal: Actor, resource: Server, context: RequestContext };
                }
                """.formatted(graphActions, serverActions);
    }

    /** The parsed schema (parsed once, cached on the native side). */
    public static Schema schema() {
        Schema s = parsed;
        if (s == null) {
            synchronized (CedarSchema.class) {
                s = parsed;
                if (s == null) {
                    try {
                        s = Schema.parse(Schema.JsonOrCedar.Cedar, TEXT);
                    } catch (InternalException | RuntimeException e) {
                        throw new PolicyEvaluationException(PolicyErrorCode.CEDAR_VALIDATION_FAILED,
                                "policy: the built-in Cedar schema does not parse: " + e.getMessage(), e);
                    }
                    parsed = s;
                }
            }
        }
        return s;
    }
}
