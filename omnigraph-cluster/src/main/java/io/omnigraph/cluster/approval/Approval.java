package io.omnigraph.cluster.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.json.CanonicalJson;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** An approval artifact ({@code __cluster/approvals/<id>.json}, spec §2.6). */
public record Approval(String approvalId, String resource, String operation, String reason, String boundConfigDigest,
                       Optional<String> boundBeforeDigest, Optional<String> boundAfterDigest, String approvedBy,
                       String createdAt, Optional<String> consumedAt, Optional<String> consumedByOperation) {
    public static final String REASON = "delete may remove deployed graph or schema definition";
    private static final Set<String> FIELDS = Set.of("schema_version", "approval_id", "resource", "operation", "reason",
            "bound_config_digest", "bound_before_digest", "bound_after_digest", "approved_by", "created_at",
            "consumed_at", "consumed_by_operation");

    /** An artifact that cannot be used. */
    public static final class Invalid extends Exception {
        private final ClusterCode code;

        Invalid(ClusterCode code, String m) {
            super(m);
            this.code = code;
        }

        public ClusterCode code() {
            return code;
        }
    }

    public Approval consumed(String at) {
        return new Approval(approvalId, resource, operation, reason, boundConfigDigest, boundBeforeDigest,
                boundAfterDigest, approvedBy, createdAt, Optional.of(at), consumedByOperation);
    }

    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.object();
        o.put("schema_version", 1);
        o.put("approval_id", approvalId);
        o.put("resource", resource);
        o.put("operation", operation);
        o.put("reason", reason);
        o.put("bound_config_digest", boundConfigDigest);
        CanonicalJson.putOrNull(o, "bound_before_digest", boundBeforeDigest);
        CanonicalJson.putOrNull(o, "bound_after_digest", boundAfterDigest);
        o.put("approved_by", approvedBy);
        o.put("created_at", createdAt);
        CanonicalJson.putOrNull(o, "consumed_at", consumedAt);
        CanonicalJson.putOrNull(o, "consumed_by_operation", consumedByOperation);
        return o;
    }

    public byte[] toBytes() {
        return CanonicalJson.fileBytes(toJson());
    }

    public static Approval parse(byte[] bytes) throws Invalid {
        JsonNode n;
        try {
            n = CanonicalJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new Invalid(ClusterCode.INVALID_APPROVAL_ARTIFACT, "not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Invalid(ClusterCode.INVALID_APPROVAL_ARTIFACT, "not a JSON object");
        }
        if (!n.path("schema_version").isIntegralNumber()) {
            throw new Invalid(ClusterCode.INVALID_APPROVAL_ARTIFACT, "missing integer schema_version");
        }
        if (n.get("schema_version").asLong() != 1) {
            throw new Invalid(ClusterCode.UNSUPPORTED_APPROVAL_VERSION, "unsupported schema_version " + n.get("schema_version"));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELDS.contains(k)) {
                throw new Invalid(ClusterCode.INVALID_APPROVAL_ARTIFACT, "unknown field `" + k + "`");
            }
        }
        for (String req : new String[]{"approval_id", "resource", "operation", "bound_config_digest", "approved_by"}) {
            if (!n.path(req).isTextual()) {
                throw new Invalid(ClusterCode.INVALID_APPROVAL_ARTIFACT, "missing string `" + req + "`");
            }
        }
        return new Approval(n.get("approval_id").asText(), n.get("resource").asText(), n.get("operation").asText(),
                n.path("reason").asText(REASON), n.get("bound_config_digest").asText(), text(n, "bound_before_digest"),
                text(n, "bound_after_digest"), n.get("approved_by").asText(), n.path("created_at").asText(""),
                text(n, "consumed_at"), text(n, "consumed_by_operation"));
    }

    private static Optional<String> text(JsonNode n, String f) {
        return n.hasNonNull(f) ? Optional.of(n.get(f).asText()) : Optional.empty();
    }
}
