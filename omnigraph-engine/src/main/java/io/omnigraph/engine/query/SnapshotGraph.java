package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import io.omnigraph.engine.embed.Embedder;
import io.omnigraph.engine.index.IndexLocation;
import io.omnigraph.storage.ObjectStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link GraphSource} over a {@link Snapshot} and the {@link GraphSchema} it was written under: a type's table is
 * {@link GraphSchema#table}, a property's column the one whose field id is the property's stable id. Table
 * identities are {@code tableKey:segmentListHash:schemaFingerprint}, so snapshots of different branches or commits
 * that share a table state share its indexes.
 */
public final class SnapshotGraph implements GraphSource {
    private final Snapshot snapshot;
    private final GraphSchema schema;
    private final IndexCache indexes;
    private final Map<String, TableData> tables = new ConcurrentHashMap<>();
    private final Optional<ObjectStore> store;
    private final Optional<Embedder> embedder;

    public SnapshotGraph(Snapshot snapshot, GraphSchema schema, IndexCache indexes) {
        this(snapshot, schema, indexes, Optional.empty(), Optional.empty());
    }

    /**
     * A source that also finds persisted search indexes in {@code store} (the graph root) and embeds String
     * {@code nearest} queries with {@code embedder}.
     */
    public SnapshotGraph(Snapshot snapshot, GraphSchema schema, IndexCache indexes, Optional<ObjectStore> store,
                         Optional<Embedder> embedder) {
        this.snapshot = snapshot;
        this.schema = schema;
        this.indexes = indexes;
        this.store = store;
        this.embedder = embedder;
    }

    @Override
    public Optional<Embedder> embedder() {
        return embedder;
    }

    @Override
    public Optional<IndexLocation> indexLocation(EntityType type) {
        String key = tableKey(type);
        if (store.isEmpty() || !snapshot.tableKeys().contains(key)) {
            return Optional.empty();
        }
        return Optional.of(new IndexLocation(store.get(), key, snapshot.tableState(key).segments()));
    }

    /** A source that rebuilds the schema view from the snapshot's stored schema (tests, tools). */
    public SnapshotGraph(Snapshot snapshot, IndexCache indexes) {
        this(snapshot, GraphSchema.fromObject(snapshot.schema()), indexes);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public Catalog catalog() {
        return schema.catalog();
    }

    private String tableKey(EntityType type) {
        return schema.table(type).tableKey();
    }

    @Override
    public TableData table(EntityType type) {
        String key = tableKey(type);
        return tables.computeIfAbsent(key, k -> snapshot.tableKeys().contains(k) ? snapshot.table(k)
                : TableData.empty(snapshot.tableSchema(k)));
    }

    @Override
    public String tableIdentity(EntityType type) {
        String key = tableKey(type);
        TableSchema ts = snapshot.tableSchema(key);
        String state = snapshot.tableKeys().contains(key) ? snapshot.tableState(key).contentHash() : "empty";
        return key + ":" + state + ":" + ts.fingerprint();
    }

    @Override
    public Column column(EntityType type, PropertyDef property) {
        TableData t = table(type);
        TableSchema ts = t.schema();
        for (int i = 0; i < ts.columns().size(); i++) {
            ColumnSpec c = ts.columns().get(i);
            if (!c.isSystem() && c.fieldId() == property.propertyId()) {
                return t.column(i);
            }
        }
        throw new EngineException.Invalid(EngineErrorCode.CORRUPT_OBJECT, type.tableKey(), "table of " + type.name()
                + " at commit " + snapshot.commitId() + " has no column for property '" + property.name() + "'");
    }

    @Override
    public IndexCache indexes() {
        return indexes;
    }
}
