package io.omnigraph.cluster.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.json.CanonicalJson;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** The digest algorithms of spec §1.8, exactly. All results are lowercase sha256 hex. */
public final class Digests {
    private Digests() {
    }

    /**
     * The graph composite: {@code "graph\0" id "\0schema\0" schemaDigest "\0"}, then per query sorted by name
     * {@code "query\0" name "\0" digest "\0"}, then the embedding provider when bound, then the external-blob policy
     * when it is not Deny.
     */
    public static String graphComposite(String id, String schemaDigest, SortedMap<String, String> queries,
                                        Optional<String> providerAddress, String providerDigest,
                                        Optional<ObjectNode> externalBlobPolicy) {
        StringBuilder sb = new StringBuilder();
        sb.append("graph\0").append(id).append("\0schema\0").append(schemaDigest == null ? "" : schemaDigest).append('\0');
        for (Map.Entry<String, String> q : queries.entrySet()) {
            sb.append("query\0").append(q.getKey()).append('\0').append(q.getValue()).append('\0');
        }
        providerAddress.ifPresent(p -> sb.append("embedding_provider\0").append(p).append('\0')
                .append(providerDigest == null ? "" : providerDigest).append('\0'));
        externalBlobPolicy.ifPresent(p -> sb.append("external_blob_policy\0").append(CanonicalJson.compact(p)).append('\0'));
        return CanonicalJson.sha256Hex(sb.toString());
    }

    /** {@code sha256("embedding-provider\0" + compactJson(profile))}, profile fields in order kind, base_url, model, api_key. */
    public static String providerDigest(ObjectNode profile) {
        ObjectNode ordered = CanonicalJson.object();
        for (String f : new String[]{"kind", "base_url", "model", "api_key"}) {
            if (profile.has(f)) {
                ordered.set(f, profile.get(f));
            }
        }
        return CanonicalJson.sha256Hex("embedding-provider\0" + CanonicalJson.compact(ordered));
    }

    /** {@code sha256("cluster-config\0" + compactJson(config) + "\0" + Σ addr "\0" digest "\0")} over sorted addresses. */
    public static String configDigest(ObjectNode canonicalConfig, SortedMap<String, DesiredCluster.DesiredResource> resources) {
        StringBuilder sb = new StringBuilder("cluster-config\0");
        sb.append(CanonicalJson.compact(canonicalConfig)).append('\0');
        resources.forEach((addr, r) -> sb.append(addr).append('\0').append(r.digest()).append('\0'));
        return CanonicalJson.sha256Hex(sb.toString());
    }
}
