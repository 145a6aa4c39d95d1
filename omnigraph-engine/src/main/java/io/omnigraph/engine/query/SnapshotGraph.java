package io.omnigraph.engine.query;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A {@link GraphSource} over a {@link Snapshot}. The catalog is rebuilt from the schema IR stored with the commit
 * (cached by schema digest); a type's table is the schema table with the same kind and type name; a property's
 * column is the one whose field id is the property's stable id. Table identities are
 * {@code tableKey:segmentListHash:schemaFingerprint}, so snapshots of different branches or commits that share a
 * table state share its indexes.
 */
public final class SnapshotGraph implements GraphSource {
    private static final Cache<String, Catalog> CATALOGS = CacheBuilder.newBuilder().maximumSize(64).build();

    private final Snapshot snapshot;
    private final Catalog catalog;
    private final IndexCache indexes;
    private final Map<String, String> tableKeys = new HashMap<>();
    private final Map<String, TableData> tables = new ConcurrentHashMap<>();

    public SnapshotGraph(Snapshot snapshot, IndexCache indexes) {
        this.snapshot = snapshot;
        this.catalog = catalogOf(snapshot.schema());
        this.indexes = indexes;
        for (TableSchema t : snapshot.schema().tables().values()) {
            tableKeys.put(t.kind().text() + ":" + t.typeName(), t.tableKey());
        }
    }

    /** The catalog of a stored schema (cached by digest). */
    public static Catalog catalogOf(SchemaObject schema) {
        try {
            return CATALOGS.get(schema.digest(), () -> Catalog.of(SchemaIR.fromJson(schema.ir().toString())));
        } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
            Throwable c = e.getCause();
            String why = c instanceof CompileException ce ? ce.getMessage() : String.valueOf(c);
            throw new EngineException.Corrupt("schemas/" + schema.digest(), "the stored schema IR cannot be read: " + why, c);
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    private String tableKey(EntityType type) {
        String k = tableKeys.get(type.tableKey());
        if (k == null) {
            throw new EngineException.Invalid(EngineErrorCode.CORRUPT_OBJECT, type.tableKey(), "commit "
                    + snapshot.commitId() + " has no table for " + type.kind().label() + " type " + type.name());
        }
        return k;
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
        TableSchema schema = snapshot.tableSchema(key);
        String state = snapshot.tableKeys().contains(key) ? stateHash(snapshot.tableState(key)) : "empty";
        return key + ":" + state + ":" + schema.fingerprint();
    }

    private static String stateHash(TableState s) {
        return s.contentHash();
    }

    @Override
    public Column column(EntityType type, PropertyDef property) {
        TableData t = table(type);
        TableSchema schema = t.schema();
        for (int i = 0; i < schema.columns().size(); i++) {
            ColumnSpec c = schema.columns().get(i);
            if (!c.isSystem() && c.fieldId() == property.propertyId()) {
                return t.column(i);
            }
        }
        int byName = schema.indexOf(property.name());
        if (byName >= 0 && !schema.columns().get(byName).isSystem()) {
            return t.column(byName);
        }
        throw new EngineException.Invalid(EngineErrorCode.CORRUPT_OBJECT, type.tableKey(), "table of " + type.name()
                + " at commit " + snapshot.commitId() + " has no column for property '" + property.name() + "'");
    }

    @Override
    public IndexCache indexes() {
        return indexes;
    }

}
