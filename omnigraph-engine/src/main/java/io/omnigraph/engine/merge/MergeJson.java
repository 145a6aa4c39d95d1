package io.omnigraph.engine.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.diff.ChangeJson;
import io.omnigraph.engine.format.Json;

import java.util.List;
import java.util.Optional;

/**
 * JSON renderings of merge results and conflicts. A conflict renders the openapi {@code MergeConflictOutput} fields
 * ({@code entity_kind, type_name, entity_id?, kind, message}) plus the extension fields {@code type_id},
 * {@code properties} ({@code [{property, base?, source?, target?, merged?}]}) and the images {@code base?},
 * {@code source?}, {@code target?} ({@code ChangeImageOutput} shape).
 */
public final class MergeJson {
    private MergeJson() {
    }

    public static ObjectNode conflict(MergeConflict c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("entity_kind", c.entityKind().text());
        n.put("type_name", c.typeName());
        c.entityId().ifPresent(id -> n.put("entity_id", id));
        n.put("kind", c.kind().wire());
        n.put("message", c.message());
        n.put("type_id", c.tableKey());
        ArrayNode props = n.putArray("properties");
        for (MergeConflict.PropertyValues p : c.properties()) {
            ObjectNode pn = props.addObject();
            pn.put("property", p.property());
            put(pn, "base", p.base());
            put(pn, "source", p.source());
            put(pn, "target", p.target());
            put(pn, "merged", p.merged());
        }
        c.base().ifPresent(i -> n.set("base", ChangeJson.image(i)));
        c.source().ifPresent(i -> n.set("source", ChangeJson.image(i)));
        c.target().ifPresent(i -> n.set("target", ChangeJson.image(i)));
        return n;
    }

    public static ArrayNode conflicts(List<MergeConflict> cs) {
        ArrayNode a = Json.mapper().createArrayNode();
        cs.forEach(c -> a.add(conflict(c)));
        return a;
    }

    /**
     * The merge output {@code {source, target, outcome, actor_id?, branch_deleted?, branch_delete_error?}} plus
     * {@code graph_commit_id} and {@code merge_base} when present.
     */
    public static ObjectNode result(MergeResult r, Optional<Boolean> branchDeleted, Optional<String> branchDeleteError) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("source", r.source());
        n.put("target", r.target());
        n.put("outcome", r.outcome().wire());
        r.actor().ifPresent(a -> n.put("actor_id", a));
        branchDeleted.ifPresent(b -> n.put("branch_deleted", b));
        branchDeleteError.ifPresent(e -> n.put("branch_delete_error", e));
        r.commit().ifPresent(c -> n.put("graph_commit_id", c.id()));
        r.mergeBase().ifPresent(b -> n.put("merge_base", b));
        return n;
    }

    private static void put(ObjectNode n, String field, Optional<JsonNode> v) {
        v.ifPresent(x -> n.set(field, x));
    }
}
