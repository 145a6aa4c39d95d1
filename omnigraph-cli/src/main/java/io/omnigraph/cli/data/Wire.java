package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.DatasetInfo;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.SnapshotInfo;
import io.omnigraph.engine.api.TypeCount;

import java.util.List;

/** JSON output of data commands, in the wire shapes of openapi.json (so local and remote output match). */
public final class Wire {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Wire() {
    }

    /** {@code CommitOutput} (+ operation and message). */
    public static ObjectNode commit(CommitInfo c) {
        ObjectNode o = F.objectNode();
        o.put("graph_commit_id", c.graphCommitId());
        o.put("graph_branch", c.graphBranch());
        o.put("graph_manifest_version", c.graphManifestVersion());
        o.put("parent_commit_id", c.parentCommitId().orElse(null));
        o.put("merged_parent_commit_id", c.mergedParentCommitId().orElse(null));
        o.put("actor_id", c.actorId().orElse(null));
        o.put("created_at", c.createdAt());
        o.put("operation", c.operation());
        o.put("message", c.message());
        return o;
    }

    /** {@code IngestOutput}. */
    public static ObjectNode load(String uri, LoadResult r) {
        ObjectNode o = F.objectNode();
        o.put("uri", uri);
        o.put("branch", r.branch());
        r.baseBranch().ifPresent(b -> o.put("base_branch", b));
        o.put("branch_created", r.branchCreated());
        o.put("mode", r.mode().wire());
        o.set("nodes", counts(r.nodes()));
        o.set("edges", counts(r.edges()));
        o.put("total_entities", r.totalEntities());
        r.actorId().ifPresent(a -> o.put("actor_id", a));
        o.set("commit", commit(r.commit()));
        return o;
    }

    private static ArrayNode counts(List<TypeCount> counts) {
        ArrayNode a = F.arrayNode();
        counts.forEach(c -> a.addObject().put("name", c.name()).put("entities_loaded", c.entitiesLoaded()));
        return a;
    }

    /** {@code ChangeOutput}. */
    public static ObjectNode change(MutationResult r) {
        ObjectNode o = F.objectNode();
        o.put("branch", r.branch());
        o.put("query_name", r.queryName());
        o.put("affected_nodes", r.affectedNodes());
        o.put("affected_edges", r.affectedEdges());
        r.actorId().ifPresent(a -> o.put("actor_id", a));
        if (r.commit().isPresent()) {
            o.set("commit", commit(r.commit().get()));
        } else {
            o.putNull("commit");
        }
        return o;
    }

    /** {@code SnapshotOutput} (+ graph_commit_id). */
    public static ObjectNode snapshot(SnapshotInfo s) {
        ObjectNode o = F.objectNode();
        o.put("graph_branch", s.graphBranch());
        o.put("graph_commit_id", s.graphCommitId());
        o.put("graph_manifest_version", s.graphManifestVersion());
        o.put("internal_schema_version", s.internalSchemaVersion());
        ArrayNode a = o.putArray("datasets");
        for (DatasetInfo d : s.datasets()) {
            a.addObject().put("type_name", d.typeName()).put("entity_kind", d.entityKind())
                    .put("dataset_path", d.datasetPath()).put("published_dataset_version", d.publishedDatasetVersion())
                    .put("entity_count", d.entityCount());
        }
        return o;
    }
}
