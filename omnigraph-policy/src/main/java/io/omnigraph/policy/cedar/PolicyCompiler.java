package io.omnigraph.policy.cedar;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.bundle.BranchScope;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.bundle.PolicyRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compiles a validated bundle into Cedar policies and entities (spec §5.3). Pure and deterministic: the same bundle
 * and resource always give the same {@link CompiledPolicySet}.
 *
 * <p>Each (rule, action) becomes one policy with id {@code <rule_id>:<action>}:
 * <pre>
 * permit (principal in Omnigraph::Group::"&lt;group&gt;", action == Omnigraph::Action::"&lt;action&gt;",
 *         resource == Omnigraph::Graph::"&lt;graph_id&gt;")      // Omnigraph::Server::"root" for graph_list
 * when { &lt;scope condition&gt; };                                // only if a scope (or query list) is set
 * </pre>
 */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    /**
     * Compiles {@code bundle} for {@code resource}. Per-graph actions target {@code Graph::"<id>"} (a graph resource
     * is required for them); {@code graph_list} always targets {@code Server::"root"}. Kind alignment is the
     * caller's job ({@link PolicyBundle#checkKind}).
     */
    public static CompiledPolicySet compile(PolicyBundle bundle, PolicyResource resource) {
        if (resource.kind() == BundleKind.SERVER && bundle.usesGraphActions()) {
            throw new IllegalArgumentException("bundle '" + bundle.name() + "' has per-graph actions and cannot be "
                    + "compiled for the server; check kind alignment first");
        }
        SortedMap<String, String> policies = new TreeMap<>();
        for (PolicyRule rule : bundle.rules()) {
            for (Action action : rule.actions()) {
                policies.put(policyId(rule.id(), action), policyText(rule, action, resource));
            }
        }
        SortedMap<String, SortedSet<String>> entities = new TreeMap<>();
        for (String group : bundle.groups().keySet()) {
            entities.put(uid("Group", group), new TreeSet<>());
        }
        for (String actor : bundle.actors()) {
            entities.put(uid("Actor", actor), bundle.groupsOf(actor).stream().map(g -> uid("Group", g))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        if (resource.kind() == BundleKind.GRAPH) {
            entities.put(uid("Graph", resource.id()), new TreeSet<>());
        }
        if (bundle.usesServerActions() || resource.kind() == BundleKind.SERVER) {
            entities.put(uid("Server", PolicyResource.SERVER_ID), new TreeSet<>());
        }
        return new CompiledPolicySet(resource, policies, entities, new TreeSet<>(bundle.protectedBranches()));
    }

    /** {@code <rule_id>:<action>}. Unambiguous: action names contain no colon. */
    public static String policyId(String ruleId, Action action) {
        return ruleId + ":" + action.wireName();
    }

    /** The rule id part of a policy id produced by {@link #policyId}. */
    public static String ruleIdOf(String policyId) {
        int i = policyId.lastIndexOf(':');
        return i < 0 ? policyId : policyId.substring(0, i);
    }

    static String policyText(PolicyRule rule, Action action, PolicyResource resource) {
        String res = action.serverScoped() ? uid("Server", PolicyResource.SERVER_ID) : uid("Graph", resource.id());
        StringBuilder sb = new StringBuilder("permit (\n  principal in ").append(uid("Group", rule.group()))
                .append(",\n  action == ").append(uid("Action", action.wireName()))
                .append(",\n  resource == ").append(res).append("\n)");
        Optional<String> cond = condition(rule, action);
        cond.ifPresent(c -> sb.append("\nwhen { ").append(c).append(" }"));
        return sb.append(';').toString();
    }

    private static Optional<String> condition(PolicyRule rule, Action action) {
        List<String> parts = new ArrayList<>();
        rule.scopeFor(action).ifPresent(scope -> {
            String prefix = action.acceptsTargetBranchScope() ? "target_" : "";
            parts.add(scopeCondition(scope, prefix));
        });
        if (action == Action.INVOKE_QUERY) {
            rule.queries().ifPresent(qs -> parts.add("context.has_query && "
                    + qs.stream().map(PolicyCompiler::quote).collect(Collectors.joining(", ", "[", "]"))
                    + ".contains(context.query)"));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts.size() == 1 ? parts.getFirst()
                : parts.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" && ")));
    }

    private static String scopeCondition(BranchScope scope, String prefix) {
        return switch (scope) {
            case ANY -> "true";
            case PROTECTED -> "context.has_" + prefix + "branch && context." + prefix + "branch_is_protected";
            case UNPROTECTED -> "context.has_" + prefix + "branch && context." + prefix
                    + "branch_is_protected == false";
        };
    }

    /** {@code Omnigraph::<type>::"<id>"} with the id escaped as a Cedar string literal. */
    static String uid(String type, String id) {
        return CedarSchema.NAMESPACE + "::" + type + "::" + quote(id);
    }

    /** A Cedar string literal: backslash, quote and control characters escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
