package io.omnigraph.engine.search;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.IndexKind;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.TableChange;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.index.IndexLocation;
import io.omnigraph.engine.maintenance.IndexHook;
import io.omnigraph.engine.maintenance.TableOptimizeStats;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.VectorColumn;
import io.omnigraph.storage.ObjectStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code optimize} index hook of search (docs/search.md §5): for every node table of the optimized state it
 * persists an inverted index of each {@code @index} String property and an HNSW graph of each Vector property under
 * {@code indexes/<tableKey>/<n>-<hash>/p<id>.<kind>}, keyed by the segment list the table will have <em>after</em>
 * the optimize commit. Indexes are derived data: written before the commit is published (a lost publish leaves
 * unreferenced files that queries never trust blindly — every entry is re-validated by id and content hash), skipped
 * when a file for exactly that state already exists, and a failure to write one is reported as a pending index, never
 * as an optimize failure.
 */
public final class SearchIndexHook implements IndexHook {
    /** The hook with default settings. */
    public static final SearchIndexHook INSTANCE = new SearchIndexHook();

    private SearchIndexHook() {
    }

    @Override
    public Map<String, List<TableOptimizeStats.PendingIndex>> reconcile(GraphStore store, Snapshot snapshot,
                                                                         CommitDraft.Builder draft) {
        Map<String, TableChange> changes = draft.build().changes();
        ObjectStore objects = store.objectStore();
        SnapshotGraph graph = new SnapshotGraph(snapshot, GraphSchema.fromObject(snapshot.schema()), IndexCache.defaults(),
                Optional.of(objects), Optional.empty());
        Map<String, List<TableOptimizeStats.PendingIndex>> pending = new LinkedHashMap<>();
        for (NodeType type : graph.catalog().nodeTypes()) {
            Optional<IndexLocation> loc = graph.indexLocation(type);
            if (loc.isEmpty()) {
                continue;
            }
            String key = loc.get().tableKey();
            List<SegmentRef> after = switch (changes.get(key)) {
                case null -> loc.get().segments();
                case TableChange.Replace r -> r.segments();
                case TableChange.Append a -> concat(loc.get().segments(), a.segments());
                case TableChange.Drop d -> List.of();
            };
            if (after.isEmpty()) {
                continue;
            }
            for (PropertyDef p : indexedProperties(type)) {
                try {
                    write(objects, graph, type, p, key, after);
                } catch (IOException | RuntimeException e) {
                    pending.computeIfAbsent(key, k -> new ArrayList<>()).add(new TableOptimizeStats.PendingIndex(
                            p.name(), "search index not persisted: " + e.getMessage()));
                }
            }
        }
        return pending;
    }

    /** {@code @index} String properties (inverted index) and Vector properties (HNSW) of a node type. */
    static List<PropertyDef> indexedProperties(EntityType type) {
        List<String> indexed = type.indexes().stream().filter(l -> l.size() == 1).map(l -> l.get(0)).toList();
        List<PropertyDef> out = new ArrayList<>();
        for (PropertyDef p : type.properties()) {
            IndexKind kind = Catalog.indexKind(p.type());
            if (kind == IndexKind.VECTOR || (kind == IndexKind.FULL_TEXT && indexed.contains(p.name()))) {
                out.add(p);
            }
        }
        return out;
    }

    private static void write(ObjectStore objects, SnapshotGraph graph, EntityType type, PropertyDef p, String key,
                              List<SegmentRef> after) throws IOException {
        TableData table = graph.table(type);
        Column col = graph.column(type, p);
        if (col instanceof VectorColumn v) {
            String file = IndexFiles.key(key, after, p.propertyId(), IndexFiles.Kind.HNSW);
            if (objects.head(file).isEmpty()) {
                VectorIndex idx = VectorIndex.build(v, table.ids());
                objects.put(file, IndexFiles.encode(IndexFiles.Kind.HNSW, p.propertyId(), idx::write));
            }
        } else if (col instanceof StringColumn s) {
            String file = IndexFiles.key(key, after, p.propertyId(), IndexFiles.Kind.TEXT);
            if (objects.head(file).isEmpty()) {
                TextIndex idx = TextIndex.build(s, table.ids());
                objects.put(file, IndexFiles.encode(IndexFiles.Kind.TEXT, p.propertyId(), idx::write));
            }
        }
    }

    private static List<SegmentRef> concat(List<SegmentRef> a, List<SegmentRef> b) {
        List<SegmentRef> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
