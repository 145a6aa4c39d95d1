package io.omnigraph.engine.api;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableData;

import java.util.Optional;

/**
 * What a read binds to: one immutable snapshot and the schema it was written under (catalog + physical tables). A
 * branch read carries the branch name; a time-travel read ({@code ReadTarget.CommitId}) carries none.
 */
public record ReadView(Snapshot snapshot, GraphSchema schema, Optional<String> branch) {
    public Catalog catalog() {
        return schema.catalog();
    }

    public String commitId() {
        return snapshot.commitId();
    }

    /** The live rows of a node or edge type (materialized once per handle, then cached). */
    public TableData table(EntityType type) {
        return snapshot.table(schema.table(type).tableKey());
    }
}
