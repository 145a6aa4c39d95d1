package io.omnigraph.engine.write;

import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.IdSet;
import io.omnigraph.engine.commit.KeyFootprint;
import io.omnigraph.engine.commit.PendingSegment;
import io.omnigraph.engine.commit.TableFootprint;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.validate.IntegrityEvaluator;
import io.omnigraph.engine.validate.TableDelta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A prepared write over several tables (load, mutation): the rows to write and ids to delete per table plus the
 * key-level footprint. {@link #toDraft} encodes the segments (one data segment per table, split into bounded chunks
 * for huge tables, plus one delete segment) and builds the {@link CommitDraft} with its {@link KeyFootprint}.
 */
public final class WriteSet {
    /** Rows per data segment; a larger table write is split into several segments. */
    public static final int DEFAULT_MAX_SEGMENT_ROWS = 4_000_000;

    private final Map<String, TableWrite> tables = new TreeMap<>();

    public WriteSet put(TableWrite write) {
        tables.put(write.schema().tableKey(), write);
        return this;
    }

    public Optional<TableWrite> table(String tableKey) {
        return Optional.ofNullable(tables.get(tableKey));
    }

    public Map<String, TableWrite> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** True when some table gets rows written or deleted. */
    public boolean writes() {
        return tables.values().stream().anyMatch(TableWrite::writes);
    }

    /** The integrity evaluator's view of the written tables. */
    public Map<String, TableDelta> deltas() {
        Map<String, TableDelta> out = new LinkedHashMap<>();
        for (TableWrite w : tables.values()) {
            if (w.writes()) {
                out.put(w.schema().tableKey(), new TableDelta(w.upserts(), new HashSet<>(w.deletes()), w.replace()));
            }
        }
        return out;
    }

    /** Adds what the integrity checks read to the footprint (tables read whole, base ids probed). */
    public WriteSet withReadSet(IntegrityEvaluator.Report report, java.util.function.Function<String, io.omnigraph.engine.table.TableSchema> schemaOf) {
        Set<String> keys = new HashSet<>(report.wholeTableReads());
        keys.addAll(report.probedIds().keySet());
        for (String key : keys) {
            Set<String> ids = report.probedIds().getOrDefault(key, Set.of());
            boolean whole = report.wholeTableReads().contains(key);
            TableWrite w = tables.get(key);
            tables.put(key, w == null ? TableWrite.readOnly(schemaOf.apply(key), ids, whole) : w.withReads(ids, whole));
        }
        return this;
    }

    /** Encodes segments and builds the draft. */
    public CommitDraft toDraft(GraphStore store, String operation, String message, Optional<String> actor, int maxSegmentRows) {
        CommitDraft.Builder b = CommitDraft.builder(operation).message(message).actor(actor);
        List<TableWrite> written = tables.values().stream().filter(TableWrite::writes).toList();
        // encode in parallel (CPU only, no store calls): one task per chunk
        record Chunk(TableWrite write, int from, int to) {
        }
        List<Chunk> chunks = new ArrayList<>();
        for (TableWrite w : written) {
            int n = w.upserts().rowCount();
            for (int from = 0; from < n; from += maxSegmentRows) {
                chunks.add(new Chunk(w, from, Math.min(n, from + maxSegmentRows)));
            }
        }
        PendingSegment[] encoded = new PendingSegment[chunks.size()];
        // segment ids are drawn in chunk order before the parallel encode, so seeded runs are reproducible
        String[] segmentIds = new String[chunks.size()];
        for (int i = 0; i < segmentIds.length; i++) {
            segmentIds[i] = store.newId();
        }
        IntStream.range(0, chunks.size()).parallel().forEach(i -> {
            Chunk c = chunks.get(i);
            TableData data = c.write().upserts();
            if (c.from() != 0 || c.to() != data.rowCount()) {
                data = data.select(IntStream.range(c.from(), c.to()).toArray());
            }
            encoded[i] = store.encodeData(data, segmentIds[i]);
        });
        Map<String, List<PendingSegment>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            byTable.computeIfAbsent(chunks.get(i).write().schema().tableKey(), k -> new ArrayList<>()).add(encoded[i]);
        }
        Map<String, TableFootprint> footprint = new TreeMap<>();
        for (TableWrite w : tables.values()) {
            String key = w.schema().tableKey();
            List<PendingSegment> data = byTable.getOrDefault(key, List.of());
            if (w.replace()) {
                b.replace(key, data, w.upserts().rowCount());
            } else if (w.writes()) {
                long delta = w.liveRowDelta();
                boolean first = true;
                if (!w.deletes().isEmpty()) {
                    PendingSegment del = store.encodeDelete(w.schema(), w.deletes());
                    append(b, del, delta, w.blind());
                    first = false;
                }
                for (PendingSegment s : data) {
                    append(b, s, first ? delta : 0, w.blind());
                    first = false;
                }
            }
            footprint.put(key, new TableFootprint(w.strictInserts(), w.upsertsNew(), w.upsertsExisting(), w.updates(),
                    IdSet.of(w.deletes()), IdSet.of(w.reads()), w.readsWholeTable() || w.replace()));
        }
        b.footprint(KeyFootprint.of(footprint));
        return b.build();
    }

    private static void append(CommitDraft.Builder b, PendingSegment s, long delta, boolean blind) {
        if (blind) {
            b.appendBlind(s, delta);
        } else {
            b.append(s, delta);
        }
    }
}
