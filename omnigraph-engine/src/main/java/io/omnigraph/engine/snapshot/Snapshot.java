package io.omnigraph.engine.snapshot;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An immutable view of the graph at one commit: its schema and, per table, the live rows. A query binds one snapshot
 * and never re-reads the head. Tables are materialized on first access and cached by the graph handle, so opening the
 * same commit again (or a commit sharing segments) costs no store reads.
 */
public final class Snapshot {
    private final Commit commit;
    private final SchemaObject schema;
    private final BranchHead head;
    private final TableLoader loader;
    private final Executor executor;

    public Snapshot(Commit commit, SchemaObject schema, Optional<BranchHead> head, TableLoader loader, Executor executor) {
        this.commit = Objects.requireNonNull(commit);
        this.schema = Objects.requireNonNull(schema);
        this.head = head.orElse(null);
        this.loader = Objects.requireNonNull(loader);
        this.executor = Objects.requireNonNull(executor);
    }

    /** The same snapshot as read through a branch ref. */
    public Snapshot withHead(BranchHead branchHead) {
        return new Snapshot(commit, schema, Optional.of(branchHead), loader, executor);
    }

    public Commit commit() {
        return commit;
    }

    public String commitId() {
        return commit.id();
    }

    public SchemaObject schema() {
        return schema;
    }

    /** The branch ref this snapshot was read through (empty for a snapshot opened by commit id). */
    public Optional<BranchHead> head() {
        return Optional.ofNullable(head);
    }

    public Set<String> tableKeys() {
        return commit.tables().keySet();
    }

    public TableSchema tableSchema(String tableKey) {
        return schema.table(tableKey).orElseThrow(() -> new EngineException.NotFound("table", tableKey));
    }

    public TableState tableState(String tableKey) {
        TableState s = commit.tables().get(tableKey);
        if (s == null) {
            throw new EngineException.NotFound("table", tableKey);
        }
        return s;
    }

    /** The live rows of a table (materialized once, then cached). */
    public TableData table(String tableKey) {
        try {
            return loader.load(tableSchema(tableKey), tableState(tableKey));
        } catch (EngineException.NotFound e) {
            if (e.kind().equals("segment")) {
                throw new EngineException.Reclaimed(commit.id(), java.util.List.of(e.id()));
            }
            throw e;
        }
    }

    /**
     * Point lookup of ids in a table ({@link TableLoader#lookup}): a table holding exactly the live rows of those ids
     * (plus, possibly, other live rows); reads only the segments that may hold the ids. A table not in this snapshot
     * reads as empty.
     */
    public TableData lookup(String tableKey, Set<String> ids) {
        if (!commit.tables().containsKey(tableKey)) {
            return TableData.empty(tableSchema(tableKey));
        }
        try {
            return loader.lookup(tableSchema(tableKey), tableState(tableKey), ids);
        } catch (EngineException.NotFound e) {
            if (e.kind().equals("segment")) {
                throw new EngineException.Reclaimed(commit.id(), java.util.List.of(e.id()));
            }
            throw e;
        }
    }

    /** Several tables, materialized in parallel. */
    public Map<String, TableData> tables(Collection<String> tableKeys) {
        List<String> keys = new ArrayList<>(tableKeys);
        List<TableData> out;
        try (io.omnigraph.storage.Parallel.Batch batch = io.omnigraph.storage.Parallel.batch()) {
            List<CompletableFuture<TableData>> fs = new ArrayList<>();
            for (String k : keys) {
                fs.add(CompletableFuture.supplyAsync(batch.lane(() -> table(k)), executor));
            }
            out = TableMaterializer.joinAll(fs);
        }
        Map<String, TableData> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), out.get(i));
        }
        return m;
    }

    @Override
    public String toString() {
        return "Snapshot[" + commit.id() + (head == null ? "" : " @" + head.name()) + "]";
    }
}
