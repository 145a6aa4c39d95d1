package io.omnigraph.cluster.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.json.CanonicalJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state ledger ({@code __cluster/state.json}, spec §2.2). Mutable while one command builds the next revision;
 * {@link #toBytes()} is byte-deterministic (fields in spec order, maps sorted, 2-space pretty, trailing newline), so
 * the same ledger always hashes to the same CAS token.
 */
public final class ClusterState {
    private static final Set<String> TOP = Set.of("version", "state_revision", "applied_revision", "resource_statuses",
            "approval_records", "recovery_records", "observations");

    private long stateRevision;
    private Optional<String> configDigest = Optional.empty();
    private final TreeMap<String, LedgerResource> resources = new TreeMap<>();
    private final TreeMap<String, ResourceStatus> statuses = new TreeMap<>();
    private final TreeMap<String, ObjectNode> approvalRecords = new TreeMap<>();
    private final TreeMap<String, ObjectNode> recoveryRecords = new TreeMap<>();
    private final TreeMap<String, ObjectNode> observations = new TreeMap<>();

    public ClusterState() {
    }

    /** The starting ledger of {@code import}: revision 0, the given config digest, no resources. */
    public static ClusterState empty(Optional<String> configDigest) {
        ClusterState s = new ClusterState();
        s.configDigest = configDigest;
        return s;
    }

    public long stateRevision() {
        return stateRevision;
    }

    public void setStateRevision(long r) {
        stateRevision = r;
    }

    public Optional<String> configDigest() {
        return configDigest;
    }

    public void setConfigDigest(Optional<String> d) {
        configDigest = d;
    }

    /** Live, sorted, mutable view. */
    public SortedMap<String, LedgerResource> resources() {
        return resources;
    }

    public SortedMap<String, ResourceStatus> statuses() {
        return statuses;
    }

    public SortedMap<String, ObjectNode> approvalRecords() {
        return approvalRecords;
    }

    public SortedMap<String, ObjectNode> recoveryRecords() {
        return recoveryRecords;
    }

    public SortedMap<String, ObjectNode> observations() {
        return observations;
    }

    public Optional<String> digest(String address) {
        return Optional.ofNullable(resources.get(address)).map(LedgerResource::digest);
    }

    /** address → digest, sorted. */
    public SortedMap<String, String> digests() {
        SortedMap<String, String> m = new TreeMap<>();
        resources.forEach((k, v) -> m.put(k, v.digest()));
        return m;
    }

    public ClusterState copy() {
        try {
            return parse(toBytes());
        } catch (StateFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON

    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.object();
        o.put("version", 1);
        o.put("state_revision", stateRevision);
        ObjectNode ar = o.putObject("applied_revision");
        if (configDigest.isPresent()) {
            ar.put("config_digest", configDigest.get());
        } else {
            ar.putNull("config_digest");
        }
        ObjectNode res = ar.putObject("resources");
        resources.forEach((k, v) -> {
            ObjectNode r = res.putObject(k);
            r.put("digest", v.digest());
            v.appliesTo().ifPresent(a -> {
                ArrayNode arr = r.putArray("applies_to");
                a.forEach(arr::add);
            });
            v.embeddingProvider().ifPresent(p -> r.put("embedding_provider", p));
            v.embeddingProfile().ifPresent(p -> r.set("embedding_profile", p.deepCopy()));
            v.externalBlobPolicy().ifPresent(p -> r.set("external_blob_policy", p.deepCopy()));
            v.mcpExpose().ifPresent(e -> r.put("mcp_expose", e));
        });
        ObjectNode st = o.putObject("resource_statuses");
        statuses.forEach((k, v) -> {
            ObjectNode s = st.putObject(k);
            s.put("status", v.status());
            if (!v.conditions().isEmpty()) {
                ArrayNode c = s.putArray("conditions");
                v.conditions().forEach(c::add);
            }
            v.message().ifPresent(m -> s.put("message", m));
        });
        putMap(o, "approval_records", approvalRecords);
        putMap(o, "recovery_records", recoveryRecords);
        putMap(o, "observations", observations);
        return o;
    }

    private static void putMap(ObjectNode o, String name, SortedMap<String, ObjectNode> m) {
        ObjectNode x = o.putObject(name);
        m.forEach((k, v) -> x.set(k, v.deepCopy()));
    }

    public byte[] toBytes() {
        return CanonicalJson.fileBytes(toJson());
    }

    /** Strict parse (unknown fields ⇒ {@code invalid_state_json}); renames legacy {@code manifest_version}. */
    public static ClusterState parse(byte[] bytes) throws StateFormatException {
        JsonNode root;
        try {
            root = CanonicalJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new StateFormatException(ClusterCode.INVALID_STATE_JSON, "state.json is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw invalid("state.json must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw invalid("unknown field `" + k + "` in state.json");
            }
        }
        JsonNode v = root.get("version");
        if (v == null || !v.isIntegralNumber()) {
            throw invalid("state.json needs an integer `version`");
        }
        if (v.asLong() != 1) {
            throw new StateFormatException(ClusterCode.UNSUPPORTED_STATE_VERSION, "unsupported state.json version "
                    + v.asLong() + "; this omnigraph reads version 1");
        }
        ClusterState s = new ClusterState();
        JsonNode rev = root.get("state_revision");
        if (rev != null && !rev.isNull()) {
            if (!rev.isIntegralNumber() || rev.asLong() < 0) {
                throw invalid("`state_revision` must be a non-negative integer");
            }
            s.stateRevision = rev.asLong();
        }
        JsonNode ar = root.get("applied_revision");
        if (ar != null && !ar.isNull()) {
            if (!ar.isObject()) {
                throw invalid("`applied_revision` must be an object");
            }
            onlyFields(ar, Set.of("config_digest", "resources"), "applied_revision");
            JsonNode cd = ar.get("config_digest");
            if (cd != null && !cd.isNull()) {
                if (!cd.isTextual()) {
                    throw invalid("`applied_revision.config_digest` must be a string or null");
                }
                s.configDigest = Optional.of(cd.asText());
            }
            JsonNode res = ar.get("resources");
            if (res != null && !res.isNull()) {
                if (!res.isObject()) {
                    throw invalid("`applied_revision.resources` must be an object");
                }
                for (Map.Entry<String, JsonNode> e : res.properties()) {
                    s.resources.put(e.getKey(), resource(e.getKey(), e.getValue()));
                }
            }
        }
        JsonNode st = root.get("resource_statuses");
        if (st != null && !st.isNull()) {
            if (!st.isObject()) {
                throw invalid("`resource_statuses` must be an object");
            }
            for (Map.Entry<String, JsonNode> e : st.properties()) {
                JsonNode x = e.getValue();
                String p = "resource_statuses." + e.getKey();
                if (!x.isObject()) {
                    throw invalid("`" + p + "` must be an object");
                }
                onlyFields(x, Set.of("status", "conditions", "message"), p);
                if (!x.path("status").isTextual()) {
                    throw invalid("`" + p + ".status` must be a string");
                }
                List<String> conds = new ArrayList<>();
                if (x.has("conditions")) {
                    if (!x.get("conditions").isArray()) {
                        throw invalid("`" + p + ".conditions` must be an array");
                    }
                    x.get("conditions").forEach(c -> conds.add(c.asText()));
                }
                Optional<String> msg = x.hasNonNull("message") ? Optional.of(x.get("message").asText()) : Optional.empty();
                s.statuses.put(e.getKey(), new ResourceStatus(x.get("status").asText(), conds, msg));
            }
        }
        freeMap(root, "approval_records", s.approvalRecords);
        freeMap(root, "recovery_records", s.recoveryRecords);
        freeMap(root, "observations", s.observations);
        for (Map.Entry<String, ObjectNode> e : s.observations.entrySet()) {
            ObjectNode ob = e.getValue();
            if (ob.has("manifest_version")) {
                JsonNode legacy = ob.remove("manifest_version");
                if (ob.has("graph_manifest_version") && !ob.get("graph_manifest_version").equals(legacy)) {
                    throw new StateFormatException(ClusterCode.CONFLICTING_GRAPH_MANIFEST_OBSERVATION, "observation `"
                            + e.getKey() + "` has both manifest_version and graph_manifest_version with different values");
                }
                ob.set("graph_manifest_version", legacy);
            }
        }
        return s;
    }

    private static LedgerResource resource(String addr, JsonNode x) throws StateFormatException {
        String p = "applied_revision.resources." + addr;
        if (!x.isObject()) {
            throw invalid("`" + p + "` must be an object");
        }
        onlyFields(x, Set.of("digest", "applies_to", "embedding_provider", "embedding_profile", "external_blob_policy",
                "mcp_expose"), p);
        if (!x.path("digest").isTextual()) {
            throw invalid("`" + p + ".digest` must be a string");
        }
        Optional<List<String>> applies = Optional.empty();
        if (x.hasNonNull("applies_to")) {
            if (!x.get("applies_to").isArray()) {
                throw invalid("`" + p + ".applies_to` must be an array");
            }
            List<String> l = new ArrayList<>();
            x.get("applies_to").forEach(a -> l.add(a.asText()));
            applies = Optional.of(l);
        }
        Optional<String> ep = x.hasNonNull("embedding_provider") ? Optional.of(x.get("embedding_provider").asText()) : Optional.empty();
        Optional<ObjectNode> prof = objectField(x, "embedding_profile", p);
        Optional<ObjectNode> ebp = objectField(x, "external_blob_policy", p);
        Optional<Boolean> mcp = Optional.empty();
        if (x.hasNonNull("mcp_expose")) {
            if (!x.get("mcp_expose").isBoolean()) {
                throw invalid("`" + p + ".mcp_expose` must be a boolean");
            }
            mcp = Optional.of(x.get("mcp_expose").asBoolean());
        }
        return new LedgerResource(x.get("digest").asText(), applies, ep, prof, ebp, mcp);
    }

    private static Optional<ObjectNode> objectField(JsonNode x, String f, String p) throws StateFormatException {
        if (!x.hasNonNull(f)) {
            return Optional.empty();
        }
        if (!x.get(f).isObject()) {
            throw invalid("`" + p + "." + f + "` must be an object");
        }
        return Optional.of((ObjectNode) x.get(f).deepCopy());
    }

    private static void freeMap(JsonNode root, String name, SortedMap<String, ObjectNode> into) throws StateFormatException {
        JsonNode m = root.get(name);
        if (m == null || m.isNull()) {
            return;
        }
        if (!m.isObject()) {
            throw invalid("`" + name + "` must be an object");
        }
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            if (!e.getValue().isObject()) {
                throw invalid("`" + name + "." + e.getKey() + "` must be an object");
            }
            into.put(e.getKey(), (ObjectNode) e.getValue().deepCopy());
        }
    }

    private static void onlyFields(JsonNode o, Set<String> allowed, String p) throws StateFormatException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw invalid("unknown field `" + p + "." + k + "` in state.json");
            }
        }
    }

    private static StateFormatException invalid(String msg) {
        return new StateFormatException(ClusterCode.INVALID_STATE_JSON, msg + " (restore state.json from a backup,"
                + " or move it aside and run `cluster import`)");
    }
}
