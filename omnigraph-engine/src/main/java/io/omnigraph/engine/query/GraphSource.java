package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.index.TopologyIndex;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.TableData;

/**
 * What the executor reads: one immutable graph version. The catalog of its schema, the live rows of each node and edge
 * type, an immutable identity per table state (for index cache keys) and the index cache. {@link SnapshotGraph} is the
 * implementation over a {@link io.omnigraph.engine.snapshot.Snapshot}; every call for the same type returns the same
 * data for the lifetime of the source.
 */
public interface GraphSource {

    Catalog catalog();

    /** The live rows of a node or edge type (an empty table when the type has no data). */
    TableData table(EntityType type);

    /**
     * An identity of the table's state that changes whenever its rows could: e.g. table key + segment-list hash +
     * schema fingerprint. Two sources returning the same identity must hold identical tables.
     */
    String tableIdentity(EntityType type);

    /** The column holding a property in {@link #table(EntityType)}. */
    Column column(EntityType type, PropertyDef property);

    /** Where derived indexes are cached. */
    IndexCache indexes();

    /** The embedder of the graph (String {@code nearest} queries); empty when none is installed. */
    default java.util.Optional<io.omnigraph.engine.embed.Embedder> embedder() {
        return java.util.Optional.empty();
    }

    /**
     * Where persisted search indexes of the type's table state may be found ({@code indexes/…} written by
     * {@code optimize}); empty when the source has no store (then indexes are only built in memory).
     */
    default java.util.Optional<io.omnigraph.engine.index.IndexLocation> indexLocation(EntityType type) {
        return java.util.Optional.empty();
    }

    /** The topology index of an edge type (built lazily, cached by the identities of the three tables). */
    default TopologyIndex topology(EdgeType edge) {
        EntityType from = catalog().nodeType(edge.from()).orElseThrow();
        EntityType to = catalog().nodeType(edge.to()).orElseThrow();
        return indexes().topology(tableIdentity(edge), tableIdentity(from), tableIdentity(to),
                () -> table(edge), () -> table(from), () -> table(to));
    }
}
