package io.omnigraph.engine.segment;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.IdIndex;
import io.omnigraph.engine.table.PhysicalType;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Encodes tables to Parquet segment bytes and decodes them back, resolving columns by Parquet field id
 * (= {@link ColumnSpec#fieldId()}):
 * <ul>
 *   <li>a requested column stored under a different name is read (renames keep data);</li>
 *   <li>a requested column absent from the segment reads as all-null (added later);</li>
 *   <li>a stored column the requested schema lacks is not read at all (soft drop);</li>
 *   <li>a stored type that differs from the requested one is read when the change is a lossless widening
 *       (i32→i64/f64, u32→i64/u64, f32→f64), and rejected otherwise.</li>
 * </ul>
 * Thread-safe and stateless apart from its options.
 */
public final class SegmentCodec {
    /** Footer key: storage format version of the graph that wrote the segment. */
    public static final String META_FORMAT_VERSION = "omnigraph.format_version";
    /** Footer key: {@code data} or {@code delete}. */
    public static final String META_SEGMENT_KIND = "omnigraph.segment_kind";
    /** Footer key: the table key. */
    public static final String META_TABLE_KEY = "omnigraph.table_key";
    /** Footer key: JSON-free column list "name:fieldId:type[?]" joined by ',' (for humans and other tools). */
    public static final String META_COLUMNS = "omnigraph.columns";

    /**
     * Decoding switches to one reader per column, run in parallel, from this many values (rows × columns). Measured on
     * the 2-core reference machine, per-column parallelism did not beat one sequential pass for a 2.4M-row edge
     * segment (≈0.6 s either way: the id column dominates), so it is reserved for very wide or very large segments;
     * the materializer already fetches and decodes different segments in parallel.
     */
    static final long PARALLEL_THRESHOLD = 20_000_000;

    private final VectorEncoding vectors;
    private final CompressionCodecName codec;
    private final int formatVersion;
    private final long parallelThreshold;

    public SegmentCodec(VectorEncoding vectors, boolean compress, int formatVersion) {
        this(vectors, compress ? CompressionCodecName.ZSTD : CompressionCodecName.UNCOMPRESSED, formatVersion, PARALLEL_THRESHOLD);
    }

    private SegmentCodec(VectorEncoding vectors, CompressionCodecName codec, int formatVersion, long parallelThreshold) {
        this.vectors = Objects.requireNonNull(vectors);
        this.codec = codec;
        this.formatVersion = formatVersion;
        this.parallelThreshold = parallelThreshold;
    }

    /** The same codec with another parallel-decoding threshold (values = rows × columns). */
    public SegmentCodec withParallelThreshold(long values) {
        return new SegmentCodec(vectors, codec, formatVersion, values);
    }

    /** The codec of storage format 1: fixed-bytes vectors, zstd. */
    public static SegmentCodec standard() {
        return new SegmentCodec(VectorEncoding.FIXED_BYTES, true, 1);
    }

    public VectorEncoding vectorEncoding() {
        return vectors;
    }

    /**
     * Encodes a {@code DATA} segment holding every row of {@code data}. Ids must be unique.
     *
     * @throws IllegalArgumentException when an id repeats
     */
    public byte[] encodeData(TableData data) {
        // a large table's id index (the uniqueness check) is built while the segment is encoded, on another core;
        // a duplicate still fails the call and its bytes are dropped
        if (data.rowCount() < PARALLEL_ID_CHECK_ROWS) {
            checkUnique(data, data.idIndex());
            return SegmentWriter.write(data, ParquetSchemas.toParquet(data.schema(), vectors),
                    meta(data.schema(), SegmentKind.DATA), vectors, codec);
        }
        // its own thread, not the common pool: this call usually runs on a pool worker (one on a 2-core machine),
        // where a queued task would wait for the encode and run after it
        java.util.concurrent.FutureTask<IdIndex> index = new java.util.concurrent.FutureTask<>(data::idIndex);
        Thread.ofPlatform().daemon().name("omnigraph-id-check").start(index);
        byte[] bytes = SegmentWriter.write(data, ParquetSchemas.toParquet(data.schema(), vectors),
                meta(data.schema(), SegmentKind.DATA), vectors, codec);
        IdIndex idx;
        boolean interrupted = false;
        while (true) {
            try {
                idx = index.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        checkUnique(data, idx);
        return bytes;
    }

    private static void checkUnique(TableData data, IdIndex index) {
        int dup = index.firstDuplicateRow();
        if (dup >= 0) {
            throw new IllegalArgumentException("table '" + data.schema().tableKey() + "': id '"
                    + data.ids().getString(dup) + "' appears more than once in one segment; deduplicate first");
        }
    }

    /** From this many rows the uniqueness check of {@link #encodeData} runs concurrently with the encode. */
    static final int PARALLEL_ID_CHECK_ROWS = 1 << 18;

    /** Encodes a {@code DELETE} segment listing {@code ids} (duplicates are removed). */
    public byte[] encodeDelete(TableSchema table, StringColumn ids) {
        TableSchema idsOnly = table.idsOnly();
        TableData data = TableData.ofDecoded(idsOnly, ids.size(), List.of(ids));
        int dup = data.idIndex().firstDuplicateRow();
        if (dup >= 0 || ids.hasNulls()) {
            data = dedupe(data);
        }
        return SegmentWriter.write(data, ParquetSchemas.toParquet(idsOnly, vectors), meta(table, SegmentKind.DELETE), vectors, codec);
    }

    /** Encodes a {@code DELETE} segment listing {@code ids}. */
    public byte[] encodeDelete(TableSchema table, List<String> ids) {
        ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(io.omnigraph.engine.table.ScalarType.STRING, ids.size());
        b.plainOnly();
        for (String id : ids) {
            b.append(id);
        }
        return encodeDelete(table, b.build());
    }

    private static TableData dedupe(TableData data) {
        StringColumn ids = data.ids();
        IdIndex idx = data.idIndex();
        int[] keep = new int[ids.size()];
        int k = 0;
        for (int r = 0; r < ids.size(); r++) {
            if (!ids.isNull(r) && idx.find(ids, r) == r) {
                keep[k++] = r;
            }
        }
        return data.select(java.util.Arrays.copyOf(keep, k));
    }

    private Map<String, String> meta(TableSchema schema, SegmentKind kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(META_FORMAT_VERSION, Integer.toString(formatVersion));
        m.put(META_SEGMENT_KIND, kind.text());
        m.put(META_TABLE_KEY, schema.tableKey());
        StringBuilder cols = new StringBuilder();
        for (ColumnSpec c : kind == SegmentKind.DELETE ? schema.idsOnly().columns() : schema.columns()) {
            if (!cols.isEmpty()) {
                cols.append(',');
            }
            cols.append(c.name()).append(':').append(c.fieldId()).append(':').append(c.type().text()).append(c.nullable() ? "?" : "");
        }
        m.put(META_COLUMNS, cols.toString());
        return m;
    }

    /**
     * Decodes a segment. {@code DATA} segments decode under {@code requested}; {@code DELETE} segments decode to their
     * ids. {@code parallel} (may be null) runs large decodes one column per task.
     *
     * @param name used in error messages (the object key)
     * @throws EngineException.Corrupt when the bytes are not a readable segment or a column type changed incompatibly
     */
    public Segment decode(String name, byte[] bytes, TableSchema requested, Executor parallel) {
        try (ParquetFileReader reader = SegmentReader.open(bytes)) {
            Map<String, String> kv = reader.getFileMetaData().getKeyValueMetaData();
            SegmentKind kind = SegmentKind.parse(kv.getOrDefault(META_SEGMENT_KIND, "data"));
            TableSchema target = kind == SegmentKind.DELETE ? requested.idsOnly() : requested;
            return new Segment(kind, decodeColumns(name, bytes, reader, target, parallel));
        } catch (EngineException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EngineException.Corrupt(name, "unreadable segment: " + e.getMessage(), e);
        }
    }

    /** Decodes only the id column of a segment (data or delete), e.g. to compute what a commit changed. */
    public Segment decodeIds(String name, byte[] bytes, TableSchema table) {
        return decode(name, bytes, table.idsOnly(), null);
    }

    /** Reads the footer only: kind, table key, row count. */
    public SegmentInfo inspect(String name, byte[] bytes) {
        try (ParquetFileReader reader = SegmentReader.open(bytes)) {
            Map<String, String> kv = reader.getFileMetaData().getKeyValueMetaData();
            return new SegmentInfo(SegmentKind.parse(kv.getOrDefault(META_SEGMENT_KIND, "data")),
                    kv.getOrDefault(META_TABLE_KEY, ""), reader.getRecordCount(),
                    Integer.parseInt(kv.getOrDefault(META_FORMAT_VERSION, "0")));
        } catch (IOException | RuntimeException e) {
            throw new EngineException.Corrupt(name, "unreadable segment: " + e.getMessage(), e);
        }
    }

    /** Footer facts of a segment. */
    public record SegmentInfo(SegmentKind kind, String tableKey, long rows, int formatVersion) {
    }

    private TableData decodeColumns(String name, byte[] bytes, ParquetFileReader reader, TableSchema target,
                                    Executor parallel) throws IOException {
        MessageType fileSchema = reader.getFileMetaData().getSchema();
        Map<Integer, Type> byId = new HashMap<>();
        for (Type t : fileSchema.getFields()) {
            if (t.getId() != null) {
                byId.put(t.getId().intValue(), t);
            }
        }
        long rows = reader.getRecordCount();
        if (rows > Integer.MAX_VALUE - 16) {
            throw new EngineException.Corrupt(name, "segment has " + rows + " rows (limit 2^31)", null);
        }
        int n = (int) rows;
        List<ColumnSpec> specs = target.columns();
        Type[] stored = new Type[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec spec = specs.get(i);
            Type t = byId.get(spec.fieldId());
            if (t != null) {
                PhysicalType st = ParquetSchemas.physicalType(t).orElseThrow(() -> new EngineException.Corrupt(name,
                        "column '" + t.getName() + "' has a Parquet type this engine does not write: " + t, null));
                if (!ParquetSchemas.readableAs(st, spec.type())) {
                    throw new EngineException.Corrupt(name, "column '" + spec.name() + "' (field id " + spec.fieldId()
                            + ") is stored as " + st.text() + " and cannot be read as " + spec.type().text(), null);
                }
                stored[i] = t;
            } else if (spec.fieldId() == ColumnSpec.ID_FIELD) {
                throw new EngineException.Corrupt(name, "segment has no id column (field id " + ColumnSpec.ID_FIELD + ")", null);
            }
        }
        Column[] out = new Column[specs.size()];
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (stored[i] == null) {
                ColumnBuilder b = SegmentReader.builderFor(specs.get(i), n);
                for (int r = 0; r < n; r++) {
                    b.appendNull();
                }
                out[i] = b.build();
            } else {
                present.add(i);
            }
        }
        if (parallel != null && present.size() > 1 && (long) n * present.size() >= parallelThreshold) {
            List<CompletableFuture<Void>> tasks = new ArrayList<>();
            for (int i : present) {
                tasks.add(CompletableFuture.runAsync(() -> {
                    try (ParquetFileReader own = SegmentReader.open(bytes)) {
                        ColumnBuilder b = SegmentReader.builderFor(specs.get(i), n);
                        out[i] = SegmentReader.decode(own, List.of(stored[i]), List.of(b)).get(0);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, parallel));
            }
            try {
                CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(c);
            }
        } else if (!present.isEmpty()) {
            List<Type> fields = new ArrayList<>();
            List<ColumnBuilder> builders = new ArrayList<>();
            for (int i : present) {
                fields.add(stored[i]);
                builders.add(SegmentReader.builderFor(specs.get(i), n));
            }
            List<Column> decoded = SegmentReader.decode(reader, fields, builders);
            for (int k = 0; k < present.size(); k++) {
                out[present.get(k)] = decoded.get(k);
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i].size() != n) {
                throw new EngineException.Corrupt(name, "column '" + specs.get(i).name() + "' decoded " + out[i].size()
                        + " values for " + n + " rows", null);
            }
        }
        return TableData.ofDecoded(target, n, List.of(out));
    }
}
