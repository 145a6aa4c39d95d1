package io.omnigraph.engine.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.format.Json;

/**
 * JSON renderings of the change surfaces in the shapes of openapi.json ({@code EntityChangeOutput},
 * {@code ChangeCauseOutput}, {@code ChangeBlockOutput}, {@code ChangeFeedOutput}, {@code CommitChangesOutput},
 * {@code ChangeBaselineRecord}). Absent optional fields are omitted.
 */
public final class ChangeJson {
    private ChangeJson() {
    }

    public static ObjectNode image(EntityImage image) {
        ObjectNode n = Json.mapper().createObjectNode();
        ObjectNode props = n.putObject("properties");
        image.properties().forEach(props::set);
        image.endpoints().ifPresent(e -> {
            ObjectNode ends = n.putObject("endpoints");
            ends.put("from", e.from());
            ends.put("to", e.to());
        });
        return n;
    }

    public static ObjectNode change(EntityChange c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("kind", c.kind().text());
        ObjectNode type = n.putObject("type");
        type.put("id", c.type().id());
        type.put("name", c.type().name());
        n.put("id", c.id());
        n.put("op", c.op().wire());
        c.before().ifPresent(i -> n.set("before", image(i)));
        c.after().ifPresent(i -> n.set("after", image(i)));
        return n;
    }

    public static ObjectNode cause(ChangeCause c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("graph_commit_id", c.graphCommitId());
        c.parentCommitId().ifPresent(p -> n.put("parent_commit_id", p));
        c.mergedParentCommitId().ifPresent(p -> n.put("merged_parent_commit_id", p));
        n.put("authored_branch", c.authoredBranch());
        c.actorId().ifPresent(a -> n.put("actor_id", a));
        n.put("authored_at", c.authoredAt());
        return n;
    }

    public static ObjectNode block(ChangeBlock b) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.set("cause", cause(b.cause()));
        ArrayNode arr = n.putArray("changes");
        b.changes().forEach(c -> arr.add(change(c)));
        return n;
    }

    public static ObjectNode feedPage(FeedPage p) {
        ObjectNode n = Json.mapper().createObjectNode();
        ArrayNode arr = n.putArray("blocks");
        p.blocks().forEach(b -> arr.add(block(b)));
        p.caughtUp().ifPresent(c -> n.put("caught_up", c));
        p.cursor().ifPresent(c -> n.put("cursor", c));
        p.nextPageToken().ifPresent(t -> n.put("next_page_token", t));
        return n;
    }

    public static ObjectNode commitChanges(CommitChangesPage p) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.set("cause", cause(p.cause()));
        ArrayNode arr = n.putArray("changes");
        p.changes().forEach(c -> arr.add(change(c)));
        p.nextPageToken().ifPresent(t -> n.put("next_page_token", t));
        return n;
    }

    /** The final line of a baseline stream: {@code {"baseline":{"snapshot_commit_id":…,"resume_cursor":…}}}. */
    public static ObjectNode baselineRecord(BaselineResult r) {
        ObjectNode n = Json.mapper().createObjectNode();
        ObjectNode b = n.putObject("baseline");
        b.put("snapshot_commit_id", r.snapshotCommitId());
        b.put("resume_cursor", r.resumeCursor());
        return n;
    }

    /** Size of the compact JSON of a node in bytes (page packing). */
    public static long size(JsonNode n) {
        try {
            return Json.mapper().writeValueAsBytes(n).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
