package io.omnigraph.policy.bundle;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.PolicyDiagnostic;
import io.omnigraph.policy.PolicyErrorCode;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.ScopeKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A parsed and semantically validated policy bundle (spec §5.1). Immutable.
 *
 * <p>Parsing is strict: unknown or duplicate keys, wrong types and every semantic rule of §5.1 are rejected with a
 * {@link PolicyValidationException} listing all problems found (file, rule id, key path, message, code). Kind
 * alignment (graph vs server bundle) is a separate step, {@link #checkKind(BundleKind)}, because it depends on where
 * the bundle is bound.
 *
 * @param name              the bundle's name ({@code policies.<name>} in a cluster, else the file name without
 *                          {@code .policy.yaml})
 * @param fileName          the file name used in diagnostics
 * @param groups            group → distinct actor ids, in file order
 * @param protectedBranches distinct protected branch names, in file order
 * @param rules             the rules, in file order
 */
public record PolicyBundle(String name, String fileName, Map<String, List<String>> groups,
                           List<String> protectedBranches, List<PolicyRule> rules) {
    public PolicyBundle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Map<String, List<String>> g = new LinkedHashMap<>();
        groups.forEach((k, v) -> g.put(k, List.copyOf(v)));
        groups = Collections.unmodifiableMap(g);
        protectedBranches = List.copyOf(protectedBranches);
        rules = List.copyOf(rules);
    }

    /** Parses a bundle; its name is derived from {@code fileName} (see {@link #nameFromFile}). */
    public static PolicyBundle parse(String yaml, String fileName) throws PolicyValidationException {
        return parse(yaml, fileName, nameFromFile(fileName));
    }

    /** Parses a bundle with an explicit name (the cluster passes {@code policies.<name>}). */
    public static PolicyBundle parse(String yaml, String fileName, String name) throws PolicyValidationException {
        RawBundle raw = StrictYaml.read(yaml, fileName, RawBundle.class, "rules")
                .orElseThrow(() -> new PolicyValidationException(List.of(new PolicyDiagnostic(fileName,
                        Optional.empty(), "", Optional.empty(),
                        "the file is empty; a bundle needs at least `version: 1`", PolicyErrorCode.EMPTY_FILE))));
        return new Validator(fileName, name).validate(raw);
    }

    /** Parses and checks kind alignment in one step. */
    public static PolicyBundle parse(String yaml, String fileName, String name, BundleKind kind)
            throws PolicyValidationException {
        PolicyBundle b = parse(yaml, fileName, name);
        b.checkKind(kind);
        return b;
    }

    /** {@code dir/base.policy.yaml} ⇒ {@code base}; {@code x.yaml} ⇒ {@code x}. */
    public static String nameFromFile(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        for (String suffix : List.of(".policy.yaml", ".policy.yml", ".yaml", ".yml")) {
            if (base.endsWith(suffix) && base.length() > suffix.length()) {
                return base.substring(0, base.length() - suffix.length());
            }
        }
        return base;
    }

    /** Every distinct actor id that is a member of at least one group, sorted. */
    public SortedSet<String> actors() {
        return groups.values().stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The groups {@code actor} belongs to, sorted; empty for an unknown actor. */
    public SortedSet<String> groupsOf(String actor) {
        SortedSet<String> out = new TreeSet<>();
        groups.forEach((g, members) -> {
            if (members.contains(actor)) {
                out.add(g);
            }
        });
        return out;
    }

    public boolean isProtected(String branch) {
        return protectedBranches.contains(branch);
    }

    /** True when some rule allows {@code graph_list}. */
    public boolean usesServerActions() {
        return rules.stream().anyMatch(PolicyRule::allowsServerAction);
    }

    /** True when some rule allows a per-graph action. */
    public boolean usesGraphActions() {
        return rules.stream().anyMatch(r -> !r.graphActions().isEmpty());
    }

    /**
     * The kind this bundle fits: {@link BundleKind#SERVER} when it allows {@code graph_list} and no per-graph action,
     * else {@link BundleKind#GRAPH} (used by the {@code policy} CLI on a bare file, see docs/policy.md).
     */
    public BundleKind inferKind() {
        return usesServerActions() && !usesGraphActions() ? BundleKind.SERVER : BundleKind.GRAPH;
    }

    /** Kind-alignment problems when this bundle is bound as {@code kind}; empty when it fits. */
    public List<PolicyDiagnostic> kindDiagnostics(BundleKind kind) {
        List<PolicyDiagnostic> out = new ArrayList<>();
        for (PolicyRule r : rules) {
            String path = "rules[" + r.index() + "].allow.actions";
            switch (kind) {
                case GRAPH -> {
                    if (r.allowsServerAction()) {
                        out.add(new PolicyDiagnostic(fileName, Optional.of(r.id()), path, Optional.empty(),
                                "action 'graph_list' is server-scoped and cannot be granted by a per-graph bundle; "
                                        + "move it to a bundle bound to `cluster` (applies_to: [cluster])",
                                PolicyErrorCode.SERVER_ACTION_IN_GRAPH_BUNDLE));
                    }
                }
                case SERVER -> {
                    List<Action> graphActions = r.graphActions();
                    if (!graphActions.isEmpty()) {
                        out.add(new PolicyDiagnostic(fileName, Optional.of(r.id()), path, Optional.empty(),
                                "per-graph action(s) " + names(graphActions) + " cannot be granted by a server "
                                        + "bundle (applies_to: [cluster]), which may only allow the server-scoped "
                                        + "action 'graph_list'; bind a separate bundle to the graph(s)",
                                PolicyErrorCode.GRAPH_ACTION_IN_SERVER_BUNDLE));
                    }
                }
            }
        }
        return out;
    }

    /** Throws when this bundle may not be bound as {@code kind}. */
    public void checkKind(BundleKind kind) throws PolicyValidationException {
        List<PolicyDiagnostic> ds = kindDiagnostics(kind);
        if (!ds.isEmpty()) {
            throw new PolicyValidationException(ds);
        }
    }

    static String names(List<Action> actions) {
        return actions.stream().map(a -> "'" + a.wireName() + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Semantic validation of the strictly bound raw file; collects every problem. */
    private static final class Validator {
        private final String file;
        private final String name;
        private final List<PolicyDiagnostic> problems = new ArrayList<>();

        Validator(String file, String name) {
            this.file = file;
            this.name = name;
        }

        private void error(Optional<String> ruleId, String path, String message, PolicyErrorCode code) {
            problems.add(new PolicyDiagnostic(file, ruleId, path, Optional.empty(), message, code));
        }

        private void error(String path, String message, PolicyErrorCode code) {
            error(Optional.empty(), path, message, code);
        }

        PolicyBundle validate(RawBundle raw) throws PolicyValidationException {
            if (raw.version() == null) {
                error("version", "missing key 'version' (write `version: 1`)", PolicyErrorCode.MISSING_KEY);
            } else if (raw.version() != 1) {
                error("version", "unsupported version " + raw.version() + " (only `version: 1` exists)",
                        PolicyErrorCode.UNSUPPORTED_VERSION);
            }
            Map<String, List<String>> groups = validateGroups(raw.groups());
            List<String> protectedBranches = validateProtected(raw.protectedBranches());
            List<PolicyRule> rules = validateRules(raw.rules(), groups.keySet());
            if (!problems.isEmpty()) {
                throw new PolicyValidationException(problems);
            }
            return new PolicyBundle(name, file, groups, protectedBranches, rules);
        }

        private Map<String, List<String>> validateGroups(Map<String, List<String>> raw) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (raw == null) {
                return out;
            }
            raw.forEach((group, members) -> {
                String path = "groups." + group;
                if (group == null || group.isBlank()) {
                    error("groups", "a group name is blank; name every group", PolicyErrorCode.BLANK_GROUP_NAME);
                    return;
                }
                if (members == null || members.isEmpty()) {
                    error(path, "group '" + group + "' is empty; list at least one actor id (or delete the group)",
                            PolicyErrorCode.EMPTY_GROUP);
                    return;
                }
                Set<String> distinct = new LinkedHashSet<>();
                for (int i = 0; i < members.size(); i++) {
                    String m = members.get(i);
                    if (m == null || m.isBlank()) {
                        error(path + "[" + i + "]", "actor id is blank in group '" + group + "'",
                                PolicyErrorCode.BLANK_ACTOR);
                    } else {
                        distinct.add(m);
                    }
                }
                out.put(group, List.copyOf(distinct));
            });
            return out;
        }

        private List<String> validateProtected(List<String> raw) {
            if (raw == null) {
                return List.of();
            }
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < raw.size(); i++) {
                String b = raw.get(i);
                if (b == null || b.isBlank()) {
                    error("protected_branches[" + i + "]", "protected branch name is blank",
                            PolicyErrorCode.BLANK_PROTECTED_BRANCH);
                } else {
                    out.add(b);
                }
            }
            return List.copyOf(out);
        }

        private List<PolicyRule> validateRules(List<RawBundle.RawRule> raw, Set<String> groups) {
            List<PolicyRule> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < raw.size(); i++) {
                String at = "rules[" + i + "]";
                RawBundle.RawRule r = raw.get(i);
                if (r == null) {
                    error(at, "rule is empty; a rule needs `id` and `allow`", PolicyErrorCode.MISSING_KEY);
                    continue;
                }
                Optional<String> rid = Optional.ofNullable(r.id()).filter(s -> !s.isBlank());
                if (rid.isEmpty()) {
                    error(at + ".id", "rule id is " + (r.id() == null ? "missing" : "blank")
                            + "; give every rule a unique, non-blank id", PolicyErrorCode.BLANK_RULE_ID);
                } else if (!seen.add(rid.get())) {
                    error(rid, at + ".id", "duplicate rule id '" + rid.get() + "'; rule ids must be unique",
                            PolicyErrorCode.DUPLICATE_RULE_ID);
                }
                validateRule(at, i, rid, r.allow(), groups).ifPresent(out::add);
            }
            return out;
        }

        private Optional<PolicyRule> validateRule(String at, int index, Optional<String> rid, RawBundle.RawAllow allow,
                                                  Set<String> groups) {
            int before = problems.size();
            if (allow == null) {
                error(rid, at + ".allow", "missing key 'allow' (rules are allow-only: `allow: {actors, actions}`)",
                        PolicyErrorCode.MISSING_KEY);
                return Optional.empty();
            }
            String ap = at + ".allow";
            // actors
            String group = null;
            if (allow.actors() == null) {
                error(rid, ap + ".actors", "missing key 'actors' (write `actors: { group: <name> }`)",
                        PolicyErrorCode.MISSING_KEY);
            } else if (allow.actors().group() == null || allow.actors().group().isBlank()) {
                error(rid, ap + ".actors.group", "group reference is blank; name one of the groups "
                        + groupList(groups), PolicyErrorCode.UNKNOWN_GROUP);
            } else if (!groups.contains(allow.actors().group())) {
                error(rid, ap + ".actors.group", "unknown group '" + allow.actors().group() + "'; declared groups: "
                        + groupList(groups), PolicyErrorCode.UNKNOWN_GROUP);
            } else {
                group = allow.actors().group();
            }
            // actions
            Set<Action> actions = new LinkedHashSet<>();
            if (allow.actions() == null || allow.actions().isEmpty()) {
                error(rid, ap + ".actions", "`actions` is " + (allow.actions() == null ? "missing" : "empty")
                        + "; list at least one of " + String.join(", ", Action.wireNames()),
                        allow.actions() == null ? PolicyErrorCode.MISSING_KEY : PolicyErrorCode.EMPTY_ACTIONS);
            } else {
                for (int j = 0; j < allow.actions().size(); j++) {
                    String a = allow.actions().get(j);
                    Optional<Action> action = a == null ? Optional.empty() : Action.fromWireName(a);
                    if (action.isEmpty()) {
                        error(rid, ap + ".actions[" + j + "]", "unknown action '" + a + "'; known actions: "
                                + String.join(", ", Action.wireNames()), PolicyErrorCode.UNKNOWN_ACTION);
                    } else {
                        actions.add(action.get());
                    }
                }
            }
            // scopes
            Optional<BranchScope> branchScope = scope(rid, ap + ".branch_scope", allow.branchScope());
            Optional<BranchScope> targetScope = scope(rid, ap + ".target_branch_scope", allow.targetBranchScope());
            boolean hasBranchScope = allow.branchScope() != null;
            boolean hasTargetScope = allow.targetBranchScope() != null;
            if (hasBranchScope && hasTargetScope) {
                error(rid, ap, "both branch_scope and target_branch_scope are set; a rule takes at most one "
                        + "(split it into two rules)", PolicyErrorCode.BOTH_SCOPES);
            }
            boolean hasServer = actions.stream().anyMatch(Action::serverScoped);
            List<Action> graphActions = actions.stream().filter(a -> !a.serverScoped()).toList();
            if (hasServer && !graphActions.isEmpty()) {
                error(rid, ap + ".actions", "rule mixes the server-scoped action 'graph_list' with per-graph "
                        + "action(s) " + names(graphActions) + "; graph_list belongs in its own rule of a bundle "
                        + "bound to `cluster`", PolicyErrorCode.MIXED_SERVER_AND_GRAPH_ACTIONS);
            }
            if (hasServer && (hasBranchScope || hasTargetScope)) {
                error(rid, ap + (hasBranchScope ? ".branch_scope" : ".target_branch_scope"),
                        (hasBranchScope ? "branch_scope" : "target_branch_scope") + " cannot be set on a rule "
                                + "allowing 'graph_list', which is server-scoped and has no branch",
                        PolicyErrorCode.SCOPE_NOT_APPLICABLE);
            }
            if (hasBranchScope) {
                List<Action> bad = graphActions.stream().filter(a -> !a.acceptsBranchScope()).toList();
                if (!bad.isEmpty()) {
                    error(rid, ap + ".branch_scope", "branch_scope does not apply to action(s) " + names(bad)
                            + "; it applies only to " + Action.namesOf(ScopeKind.BRANCH)
                            + " (drop branch_scope or move those actions to another rule)",
                            PolicyErrorCode.SCOPE_NOT_APPLICABLE);
                }
            }
            if (hasTargetScope) {
                List<Action> bad = graphActions.stream().filter(a -> !a.acceptsTargetBranchScope()).toList();
                if (!bad.isEmpty()) {
                    error(rid, ap + ".target_branch_scope", "target_branch_scope does not apply to action(s) "
                            + names(bad) + "; it applies only to "
                            + Action.namesOf(ScopeKind.TARGET_BRANCH)
                            + " (drop target_branch_scope or move those actions to another rule)",
                            PolicyErrorCode.SCOPE_NOT_APPLICABLE);
                }
            }
            // extension: queries (invoke_query only)
            Optional<List<String>> queries = Optional.empty();
            if (allow.queries() != null) {
                queries = validateQueries(rid, ap + ".queries", allow.queries(), actions);
            }
            if (problems.size() != before || rid.isEmpty() || group == null) {
                return Optional.empty();
            }
            return Optional.of(new PolicyRule(rid.get(), index, group, List.copyOf(actions), branchScope, targetScope,
                    queries));
        }

        private Optional<List<String>> validateQueries(Optional<String> rid, String path, List<String> raw,
                                                       Set<Action> actions) {
            if (!actions.equals(Set.of(Action.INVOKE_QUERY))) {
                error(rid, path, "`queries` restricts which stored queries 'invoke_query' may call, so it is only "
                        + "valid on a rule whose actions are exactly [invoke_query]; move the other actions to a "
                        + "separate rule", PolicyErrorCode.INVALID_QUERIES);
            }
            if (raw.isEmpty()) {
                error(rid, path, "`queries` is empty; list at least one stored query name, or omit the key to "
                        + "allow every stored query", PolicyErrorCode.INVALID_QUERIES);
                return Optional.empty();
            }
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < raw.size(); i++) {
                String q = raw.get(i);
                if (q == null || q.isBlank()) {
                    error(rid, path + "[" + i + "]", "stored query name is blank", PolicyErrorCode.INVALID_QUERIES);
                } else {
                    names.add(q);
                }
            }
            return Optional.of(List.copyOf(names));
        }

        private Optional<BranchScope> scope(Optional<String> rid, String path, String raw) {
            if (raw == null) {
                return Optional.empty();
            }
            Optional<BranchScope> s = BranchScope.fromWireName(raw);
            if (s.isEmpty()) {
                error(rid, path, "unknown scope '" + raw + "'; use any, protected or unprotected",
                        PolicyErrorCode.UNKNOWN_SCOPE);
            }
            return s;
        }

        private static String groupList(Set<String> groups) {
            return groups.isEmpty() ? "(none declared under `groups:`)"
                    : groups.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
