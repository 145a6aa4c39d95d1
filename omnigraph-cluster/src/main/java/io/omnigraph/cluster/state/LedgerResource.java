package io.omnigraph.cluster.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code applied_revision.resources}: the applied digest plus kind-specific metadata ({@code applies_to}
 * on policies, {@code embedding_provider} and a non-Deny {@code external_blob_policy} on graphs,
 * {@code embedding_profile} on providers).
 */
public record LedgerResource(String digest, Optional<List<String>> appliesTo, Optional<String> embeddingProvider,
                             Optional<ObjectNode> embeddingProfile, Optional<ObjectNode> externalBlobPolicy) {
    public LedgerResource {
        appliesTo = appliesTo.map(List::copyOf);
    }

    public static LedgerResource of(String digest) {
        return new LedgerResource(digest, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LedgerResource withDigest(String d) {
        return new LedgerResource(d, appliesTo, embeddingProvider, embeddingProfile, externalBlobPolicy);
    }
}
