package io.omnigraph.engine.load;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.commit.IdSet;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.validate.IntegrityEvaluator;
import io.omnigraph.engine.write.TableWrite;
import io.omnigraph.engine.write.WriteSet;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds a {@link ParsedLoad} to the snapshot it will be published on: classifies every record against the committed
 * table (append: an existing id is a {@code key_conflict}; merge: new vs existing; overwrite: the table is replaced),
 * runs the integrity evaluator against the post-write image and declares the read set. Pure: no store writes.
 */
public final class LoadBinder {
    private LoadBinder() {
    }

    /** A bound load: the write set and the entities written per type (type name → count). */
    public record BoundLoad(WriteSet writes, Map<EntityType, Long> counts) {
    }

    public static BoundLoad bind(ParsedLoad parsed, GraphSchema schema, Snapshot base) {
        Function<String, TableData> baseLoader = key -> base.tableKeys().contains(key) ? base.table(key)
                : TableData.empty(base.tableSchema(key));
        WriteSet writes = new WriteSet();
        Map<EntityType, Long> counts = new LinkedHashMap<>();
        for (ParsedLoad.ParsedTable t : parsed.tables().values()) {
            TableData rows = t.rows();
            counts.put(t.type(), (long) rows.rowCount());
            String key = t.schema().tableKey();
            StringColumn ids = rows.ids();
            int n = rows.rowCount();
            boolean allGenerated = t.generated().cardinality() == n;
            switch (parsed.mode()) {
                case OVERWRITE -> writes.put(new TableWrite(t.schema(), rows, List.of(), true, IdSet.empty(), IdSet.empty(),
                        IdSet.empty(), IdSet.empty(), Set.of(), true, false));
                case APPEND -> {
                    if (!allGenerated) {
                        TableData committed = pointLookup(base, key, ids, t.generated(), baseLoader);
                        if (committed.rowCount() > 0) {
                            for (int r = 0; r < n; r++) {
                                if (!t.generated().get(r) && committed.idIndex().find(ids, r) >= 0) {
                                    throw keyConflict(t, ids.getString(r), t.lines()[r]);
                                }
                            }
                        }
                    }
                    writes.put(new TableWrite(t.schema(), rows, List.of(), false, IdSet.of(ids), IdSet.empty(),
                            IdSet.empty(), IdSet.empty(), Set.of(), false, false));
                }
                case MERGE -> {
                    if (allGenerated) {
                        writes.put(new TableWrite(t.schema(), rows, List.of(), false, IdSet.of(ids), IdSet.empty(),
                                IdSet.empty(), IdSet.empty(), Set.of(), false, false));
                    } else {
                        TableData committed = pointLookup(base, key, ids, t.generated(), baseLoader);
                        Set<String> strict = new HashSet<>();
                        Set<String> fresh = new HashSet<>();
                        Set<String> existing = new HashSet<>();
                        for (int r = 0; r < n; r++) {
                            String id = ids.getString(r);
                            if (t.generated().get(r)) {
                                strict.add(id);
                            } else if (committed.rowCount() > 0 && committed.idIndex().find(ids, r) >= 0) {
                                existing.add(id);
                            } else {
                                fresh.add(id);
                            }
                        }
                        writes.put(new TableWrite(t.schema(), rows, List.of(), false, IdSet.of(strict), IdSet.of(fresh),
                                IdSet.of(existing), IdSet.empty(), Set.of(), false, false));
                    }
                }
            }
        }
        IntegrityEvaluator.Report report = IntegrityEvaluator.check(schema, baseLoader,
                (key, ids) -> base.lookup(key, ids), writes.deltas());
        writes.withReadSet(report, base::tableSchema);
        return new BoundLoad(writes, counts);
    }

    /** Point lookups beyond this many ids read the whole table instead (a set of many ids costs more than a fold). */
    static final int MAX_LOOKUP_IDS = 100_000;

    /**
     * The committed rows of the given (non-generated) ids: a point lookup that reads only the segments whose id filter
     * may hold them; the whole table for large loads. Only {@code rowOf} of those ids may be asked of the result.
     */
    private static TableData pointLookup(Snapshot base, String key, StringColumn ids, java.util.BitSet generated,
                                         Function<String, TableData> baseLoader) {
        int n = ids.size();
        if (n - generated.cardinality() > MAX_LOOKUP_IDS || !base.tableKeys().contains(key)) {
            return baseLoader.apply(key);
        }
        Set<String> wanted = new HashSet<>();
        for (int r = 0; r < n; r++) {
            if (!generated.get(r)) {
                wanted.add(ids.getString(r));
            }
        }
        return base.lookup(key, wanted);
    }

    private static EngineException.KeyConflict keyConflict(ParsedLoad.ParsedTable t, String id, int line) {
        String kind = t.type().kind().label();
        return new EngineException.KeyConflict(t.schema().tableKey(), id, t.type().name(), kind, "line " + line + ": "
                + kind + " " + t.type().name() + " id '" + id + "' already exists (append is a strict insert; use "
                + "--mode merge to replace existing entities)");
    }
}
