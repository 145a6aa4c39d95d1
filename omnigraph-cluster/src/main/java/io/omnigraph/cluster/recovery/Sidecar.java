package io.omnigraph.cluster.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.json.CanonicalJson;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A recovery sidecar ({@code __cluster/recoveries/<operation_id>.json}, spec §2.5): the intent of one graph-moving
 * operation, written before the engine call and removed after the command's state write.
 */
public record Sidecar(String operationId, String startedAt, Optional<String> actor, Kind kind, String graphId,
                      String graphUri, Optional<Long> observedManifestVersion, Optional<Long> expectedManifestVersion,
                      String desiredSchemaDigest, Optional<String> stateCasBase, Optional<String> approvalId) {
    private static final Set<String> FIELDS = Set.of("schema_version", "operation_id", "started_at", "actor", "kind",
            "graph_id", "graph_uri", "observed_manifest_version", "expected_manifest_version", "desired_schema_digest",
            "state_cas_base", "approval_id");

    /** The operation kinds. */
    public enum Kind {
        GRAPH_CREATE("graph_create"), SCHEMA_APPLY("schema_apply"), GRAPH_DELETE("graph_delete");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Kind> of(String s) {
            for (Kind k : values()) {
                if (k.wire.equals(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A sidecar file that cannot be used. */
    public static final class Invalid extends Exception {
        private final ClusterCode code;

        Invalid(ClusterCode code, String msg) {
            super(msg);
            this.code = code;
        }

        public ClusterCode code() {
            return code;
        }
    }

    public Sidecar withExpected(long v) {
        return new Sidecar(operationId, startedAt, actor, kind, graphId, graphUri, observedManifestVersion,
                Optional.of(v), desiredSchemaDigest, stateCasBase, approvalId);
    }

    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.object();
        o.put("schema_version", 1);
        o.put("operation_id", operationId);
        o.put("started_at", startedAt);
        CanonicalJson.putOrNull(o, "actor", actor);
        o.put("kind", kind.wire());
        o.put("graph_id", graphId);
        o.put("graph_uri", graphUri);
        if (observedManifestVersion.isPresent()) {
            o.put("observed_manifest_version", observedManifestVersion.get());
        } else {
            o.putNull("observed_manifest_version");
        }
        if (expectedManifestVersion.isPresent()) {
            o.put("expected_manifest_version", expectedManifestVersion.get());
        } else {
            o.putNull("expected_manifest_version");
        }
        o.put("desired_schema_digest", desiredSchemaDigest);
        CanonicalJson.putOrNull(o, "state_cas_base", stateCasBase);
        CanonicalJson.putOrNull(o, "approval_id", approvalId);
        return o;
    }

    public byte[] toBytes() {
        return CanonicalJson.fileBytes(toJson());
    }

    public static Sidecar parse(byte[] bytes) throws Invalid {
        JsonNode n;
        try {
            n = CanonicalJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new Invalid(ClusterCode.INVALID_RECOVERY_SIDECAR, "not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Invalid(ClusterCode.INVALID_RECOVERY_SIDECAR, "not a JSON object");
        }
        if (!n.path("schema_version").isIntegralNumber()) {
            throw new Invalid(ClusterCode.INVALID_RECOVERY_SIDECAR, "missing integer schema_version");
        }
        if (n.get("schema_version").asLong() != 1) {
            throw new Invalid(ClusterCode.UNSUPPORTED_RECOVERY_SIDECAR_VERSION, "unsupported schema_version "
                    + n.get("schema_version").asLong());
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELDS.contains(k)) {
                throw new Invalid(ClusterCode.INVALID_RECOVERY_SIDECAR, "unknown field `" + k + "`");
            }
        }
        Optional<Kind> kind = Kind.of(n.path("kind").asText());
        if (kind.isEmpty() || !n.path("operation_id").isTextual() || !n.path("graph_id").isTextual()) {
            throw new Invalid(ClusterCode.INVALID_RECOVERY_SIDECAR, "needs operation_id, kind and graph_id");
        }
        return new Sidecar(n.get("operation_id").asText(), n.path("started_at").asText(""), text(n, "actor"), kind.get(),
                n.get("graph_id").asText(), n.path("graph_uri").asText(""), num(n, "observed_manifest_version"),
                num(n, "expected_manifest_version"), n.path("desired_schema_digest").asText(""), text(n, "state_cas_base"),
                text(n, "approval_id"));
    }

    private static Optional<String> text(JsonNode n, String f) {
        return n.hasNonNull(f) ? Optional.of(n.get(f).asText()) : Optional.empty();
    }

    private static Optional<Long> num(JsonNode n, String f) {
        return n.path(f).isIntegralNumber() ? Optional.of(n.get(f).asLong()) : Optional.empty();
    }
}
