package io.omnigraph.policy.cedar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The output of {@link PolicyCompiler}: Cedar policy texts keyed by policy id ({@code <rule_id>:<action>}) and the
 * entities (groups, actors, the graph and/or the server), both in canonical sorted order.
 *
 * @param resource the resource the bundle was compiled for
 * @param policies policy id → Cedar source, sorted by id
 * @param entities canonical entity uid (e.g. {@code Omnigraph::Actor::"andrew"}) → sorted parent uids
 * @param protectedBranches the bundle's protected branches (they feed the request context, so they are part of the
 *                          compiled meaning and of the digest)
 */
public record CompiledPolicySet(PolicyResource resource, SortedMap<String, String> policies,
                                SortedMap<String, SortedSet<String>> entities, SortedSet<String> protectedBranches) {
    /** Version tag of the canonical form; bump when the compilation output changes meaning. */
    public static final String CANONICAL_FORM = "omnigraph-policy-compiled/v1";

    public CompiledPolicySet {
        policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
        TreeMap<String, SortedSet<String>> e = new TreeMap<>();
        entities.forEach((k, v) -> e.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
        entities = Collections.unmodifiableSortedMap(e);
        protectedBranches = Collections.unmodifiableSortedSet(new TreeSet<>(protectedBranches));
    }

    /**
     * The canonical text: form tag, Cedar schema, resource, protected branches (sorted), every policy (sorted by id)
     * and every entity (sorted by uid, parents sorted). Independent of rule, group and member order in the YAML file.
     */
    public String canonicalText() {
        StringBuilder sb = new StringBuilder();
        sb.append(CANONICAL_FORM).append('\n');
        sb.append("schema\n").append(CedarSchema.TEXT).append("end schema\n");
        sb.append("resource ").append(resource.kind().wireName()).append(' ')
                .append(PolicyCompiler.quote(resource.id())).append('\n');
        protectedBranches.forEach(b -> sb.append("protected ").append(PolicyCompiler.quote(b)).append('\n'));
        policies.forEach((id, text) -> sb.append("policy ").append(PolicyCompiler.quote(id)).append('\n')
                .append(text).append('\n'));
        entities.forEach((uid, parents) -> sb.append("entity ").append(uid).append(" in ")
                .append(String.join(", ", List.copyOf(parents))).append('\n'));
        return sb.toString();
    }

    /** {@code sha256:<hex>} of {@link #canonicalText()}; stable across runs and JVMs. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(md.digest(canonicalText().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Cedar source of all policies, for display ({@code policy validate --json} can show it). */
    public String cedarText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : policies.entrySet()) {
            sb.append("// ").append(e.getKey()).append('\n').append(e.getValue()).append("\n\n");
        }
        return sb.toString();
    }
}
