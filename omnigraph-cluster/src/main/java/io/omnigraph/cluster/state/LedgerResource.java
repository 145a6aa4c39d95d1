package io.omnigraph.cluster.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code applied_revision.resources}: the applied digest plus kind-specific metadata ({@code applies_to}
 * on policies, {@code embedding_provider} and a non-Deny {@code external_blob_policy} on graphs,
 * {@code embedding_profile} on providers, {@code mcp_expose: false} on stored queries hidden from MCP).
 *
 * @param mcpExpose present only on a stored query whose cluster.yaml entry says {@code mcp: { expose: false }}
 *                  (absent = exposed, so ledgers without hidden queries are unchanged)
 */
public record LedgerResource(String digest, Optional<List<String>> appliesTo, Optional<String> embeddingProvider,
                             Optional<ObjectNode> embeddingProfile, Optional<ObjectNode> externalBlobPolicy,
                             Optional<Boolean> mcpExpose) {
    public LedgerResource {
        appliesTo = appliesTo.map(List::copyOf);
        mcpExpose = mcpExpose == null ? Optional.empty() : mcpExpose.filter(b -> !b);
    }

    /** A resource without MCP metadata. */
    public LedgerResource(String digest, Optional<List<String>> appliesTo, Optional<String> embeddingProvider,
                          Optional<ObjectNode> embeddingProfile, Optional<ObjectNode> externalBlobPolicy) {
        this(digest, appliesTo, embeddingProvider, embeddingProfile, externalBlobPolicy, Optional.empty());
    }

    public static LedgerResource of(String digest) {
        return new LedgerResource(digest, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A stored query's entry: its digest and whether MCP offers it as a tool. */
    public static LedgerResource query(String digest, boolean mcpExpose) {
        return new LedgerResource(digest, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                mcpExpose ? Optional.empty() : Optional.of(false));
    }

    /** Whether MCP offers this stored query as a tool (default true). */
    public boolean exposedToMcp() {
        return mcpExpose.orElse(true);
    }

    public LedgerResource withDigest(String d) {
        return new LedgerResource(d, appliesTo, embeddingProvider, embeddingProfile, externalBlobPolicy, mcpExpose);
    }
}
