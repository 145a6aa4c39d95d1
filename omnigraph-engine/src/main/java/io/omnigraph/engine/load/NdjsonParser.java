package io.omnigraph.engine.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeIds;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The strict NDJSON parser of graph loads (languages.md §3.2): one JSON object per line, blank lines skipped, CRLF
 * accepted, duplicate keys at any depth rejected, every value converted exactly to its declared type. Records are
 * streamed line by line into per-type column builders, so memory holds the parsed columns, never the file.
 *
 * <p>Every error names the line: {@code line N: …}. Record-level rules: exactly one of {@code type}/{@code edge};
 * node records allow {@code type, data}, edge records {@code edge, from, to, data}; node types match exactly, edge
 * types case-insensitively (canonicalised); {@code data} keys are {@code id} or declared properties; a keyed node's
 * id is derived from its key ({@link NodeIds}) and an explicit {@code data.id} must equal it; keyless nodes and edges
 * without {@code data.id} get a fresh ULID.
 *
 * <p>Duplicate ids inside one file: a keyed node's id twice is an error in every mode (a {@code @key} is one entity);
 * an explicit {@code data.id} of a keyless node or edge twice is an error in append and overwrite, and last-wins in
 * merge.
 */
public final class NdjsonParser {
    /** Names that are physical state of the storage layer and may appear nowhere in a record. */
    public static final Set<String> RESERVED = Set.of("_tombstone", "_rowid", "_rowaddr", "_rowoffset",
            "_row_created_at_version", "_row_last_updated_at_version");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int PROGRESS_EVERY = 8192;

    private final GraphSchema schema;
    private final LoadMode mode;
    private final LoadLimits limits;
    private final LoadProgress progress;
    private final IdMinter ulids;
    private final Map<String, Accumulator> tables = new LinkedHashMap<>();
    private final boolean computeEmbeddings;

    private NdjsonParser(GraphSchema schema, LoadMode mode, LoadLimits limits, LoadProgress progress, Supplier<String> ulids,
                         boolean computeEmbeddings) {
        this.computeEmbeddings = computeEmbeddings;
        this.schema = schema;
        this.mode = mode;
        this.limits = limits;
        this.progress = progress;
        this.ulids = IdMinter.of(ulids);
    }

    /**
     * Parses a whole input.
     *
     * @param ulids mints ids for keyless nodes and edges without {@code data.id}
     * @throws EngineException.Invalid ({@code invalid_input}) naming the line, or {@link EngineException.ResourceLimit}
     */
    public static ParsedLoad parse(GraphSchema schema, InputStream in, LoadMode mode, LoadLimits limits,
                                   LoadProgress progress, Supplier<String> ulids) {
        return parse(schema, in, mode, limits, progress, ulids, false);
    }

    /**
     * Parses a whole input. With {@code computeEmbeddings}, an {@code @embed} target that a record leaves absent or
     * null while giving its source text becomes a placeholder listed in {@link ParsedLoad.ParsedTable#embed()} (to be
     * filled by {@link io.omnigraph.engine.embed.EmbedFill} before the write is prepared); without it, such a
     * non-nullable target is an {@code embedding_not_configured} error naming the line.
     */
    public static ParsedLoad parse(GraphSchema schema, InputStream in, LoadMode mode, LoadLimits limits,
                                   LoadProgress progress, Supplier<String> ulids, boolean computeEmbeddings) {
        return parse(schema, in, mode, limits, progress, ulids, computeEmbeddings, Tuning.DEFAULT);
    }

    /**
     * How the input is cut and where it is scanned. {@code pipelined}: lines are read, copied into batches and scanned
     * (JSON parsing, plain-edge recognition) on a separate thread while the loading thread applies the previous
     * batches in file order; off, everything runs on the loading thread. {@code fastPaths} off sends every record
     * through the general tree path (the reference behaviour the fast paths must reproduce).
     */
    record Tuning(int batchLines, int batchBytes, int queuedBatches, boolean pipelined, boolean fastPaths) {
        static final Tuning DEFAULT = new Tuning(8192, 1 << 20, 4, true, true);
        static final Tuning SEQUENTIAL_GENERAL = new Tuning(8192, 1 << 20, 4, false, false);
    }

    static ParsedLoad parse(GraphSchema schema, InputStream in, LoadMode mode, LoadLimits limits, LoadProgress progress,
                            Supplier<String> ulids, boolean computeEmbeddings, Tuning tuning) {
        NdjsonParser p = new NdjsonParser(schema, mode, limits, progress, ulids, computeEmbeddings);
        LineReader lines = new LineReader(in);
        Scanner scanner = new Scanner(schema, tuning.fastPaths());
        LineBatch batch = LineBatch.read(lines, tuning.batchLines(), tuning.batchBytes());
        scanner.scan(batch);
        if (batch.last || !tuning.pipelined()) {
            p.apply(batch);
            while (!batch.last) {
                batch = LineBatch.read(lines, tuning.batchLines(), tuning.batchBytes());
                scanner.scan(batch);
                p.apply(batch);
            }
        } else {
            batch = p.pipelined(batch, lines, scanner, tuning);
        }
        long total = batch.count > 0 ? batch.lastLine() : batch.firstLine - 1;
        long bytes = batch.count > 0 ? batch.consumedAfter[batch.count - 1] : p.bytesSoFar;
        progress.parsed(total, bytes);
        return p.finish(total, bytes);
    }

    /**
     * Applies {@code first}, then the batches a scan thread reads and scans ahead (at most {@code queuedBatches}
     * waiting, so memory stays bounded). Records are applied on this thread in file order, so ids, rows and the first
     * error are exactly those of the sequential loop. On any error the scan thread is stopped and joined before this
     * returns or throws: nothing reads the input afterwards. Returns the last batch.
     */
    private LineBatch pipelined(LineBatch first, LineReader lines, Scanner scanner, Tuning tuning) {
        java.util.concurrent.BlockingQueue<LineBatch> queue = new java.util.concurrent.ArrayBlockingQueue<>(tuning.queuedBatches());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = Thread.ofPlatform().daemon().name("omnigraph-load-scan").unstarted(() -> {
            try {
                while (!stop.get()) {
                    LineBatch b = LineBatch.read(lines, tuning.batchLines(), tuning.batchBytes());
                    try {
                        scanner.scan(b);
                    } catch (RuntimeException | Error e) {
                        b = new LineBatch(b.firstLine, 1, 1);
                        b.kind = new byte[0];
                        b.failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                        b.last = true;
                    }
                    while (!stop.get() && !queue.offer(b, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        // the loading thread is busy: wait (bounded queue)
                    }
                    if (b.last) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        try {
            apply(first);
            while (true) {
                LineBatch b;
                try {
                    b = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.UncheckedIOException(new java.io.InterruptedIOException("the load was interrupted"));
                }
                apply(b);
                if (b.last) {
                    return b;
                }
            }
        } finally {
            stop.set(true);
            queue.clear();
            boolean interrupted = false;
            while (reader.isAlive()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long lastReport;
    private long bytesSoFar;

    /** Applies one scanned batch in line order (loading thread); throws the first error, then the reader's failure. */
    private void apply(LineBatch b) {
        int[] ends = b.ends;
        for (int i = 0; i < b.count; i++) {
            long line = b.firstLine + i;
            switch (b.kind[i]) {
                case LineBatch.BLANK -> {
                }
                case LineBatch.EDGE_BYTES -> edgeBytes(line, (EdgeType) b.edgeType[i], b.data, ends[4 * i], ends[4 * i + 1],
                        ends[4 * i + 2], ends[4 * i + 3]);
                case LineBatch.EDGE_STRINGS -> {
                    String[] s = (String[]) b.parsed[i];
                    edge(line, (EdgeType) b.edgeType[i], s[0], s[1], null);
                }
                default -> {
                    Object parsed = b.parsed[i];
                    if (parsed instanceof RuntimeException e) {
                        throw e;
                    }
                    record(line, (JsonNode) parsed);
                }
            }
            if (line - lastReport >= PROGRESS_EVERY) {
                progress.parsed(line, b.consumedAfter[i]);
                lastReport = line;
            }
        }
        if (b.count > 0) {
            bytesSoFar = b.consumedAfter[b.count - 1];
        }
        if (b.failure != null) {
            throw b.failure;
        }
    }

    private static EngineException.Invalid error(long line, String message) {
        return new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "line " + line, "line " + line + ": " + message);
    }

    /** The JSON tree of a line (any thread), or the {@code invalid_input} error naming the line. */
    private static JsonNode tree(long line, byte[] bytes, int offset, int length) {
        try {
            return MAPPER.readTree(bytes, offset, length);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field '")) {
                int endQuote = msg.indexOf('\'', 17);
                String key = endQuote > 17 ? msg.substring(17, endQuote) : msg;
                throw error(line, "duplicate key '" + key + "' (every key may appear once per object)");
            }
            throw error(line, "invalid JSON: " + msg);
        } catch (IOException e) {
            throw error(line, "invalid JSON: " + e.getMessage());
        }
    }

    private void record(long line, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw error(line, "graph batch record must be one JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (RESERVED.contains(f)) {
                throw error(line, "top-level field '" + f + "' is reserved physical state");
            }
        }
        boolean isNode = node.has("type");
        boolean isEdge = node.has("edge");
        if (isNode == isEdge) {
            throw error(line, "graph batch record must contain exactly one of 'type' or 'edge'");
        }
        Set<String> allowed = isNode ? Set.of("type", "data") : Set.of("edge", "from", "to", "data");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw error(line, "unknown top-level graph batch field '" + f + "'" + (isNode
                        ? " (a node record has 'type' and 'data')" : " (an edge record has 'edge', 'from', 'to' and 'data')"));
            }
        }
        JsonNode data = node.get("data");
        if (data != null && !data.isObject()) {
            throw error(line, "'data' must be a JSON object");
        }
        if (isNode) {
            String name = string(line, node, "type");
            NodeType type = schema.nodeType(name).orElseThrow(() -> error(line, "unknown node type '" + name + "'"));
            node(line, type, data);
        } else {
            String name = string(line, node, "edge");
            EdgeType type = schema.catalog().edgeTypeIgnoreCase(name).orElseThrow(() -> error(line,
                    "unknown edge type '" + name + "'"));
            if (!node.has("from") || !node.has("to")) {
                throw error(line, "edge record needs 'from' and 'to' (source and target node ids)");
            }
            edge(line, type, string(line, node, "from"), string(line, node, "to"), data);
        }
    }

    /**
     * The scan stage: classifies each line of a batch and does the work that depends on the line alone, on whichever
     * thread runs it (one scanner per thread: it memoises the last edge type). The bulk of a graph load is plain edge
     * records, {@code {"edge":"E","from":"a","to":"b"}} (keys in any order): with printable-ASCII strings they are
     * recognised on the bytes ({@link LineBatch#scanPlainEdge}) and their endpoints are copied into the columns without
     * a String; with other strings they are read by the streaming parser. Anything else — other or repeated keys,
     * non-string values, {@code data}, trailing tokens, invalid JSON, an unknown edge type — is parsed into a tree (or
     * its error) and applied by the general path, which accepts or rejects it with its usual message. Accepted edge
     * records take the same {@link #edge} steps as on the general path, so every path gives identical results.
     */
    private static final class Scanner {
        private final GraphSchema schema;
        private final boolean fastPaths;
        private final int[] spans = new int[6];
        private byte[] lastName = new byte[0];
        private EdgeType lastType;

        Scanner(GraphSchema schema, boolean fastPaths) {
            this.schema = schema;
            this.fastPaths = fastPaths;
        }

        void scan(LineBatch b) {
            int n = b.count;
            b.kind = new byte[n];
            b.edgeType = new Object[n];
            b.ends = new int[4 * n];
            b.parsed = new Object[n];
            byte[] d = b.data;
            for (int i = 0; i < n; i++) {
                if (b.blank(i)) {
                    b.kind[i] = LineBatch.BLANK;
                    continue;
                }
                int off = b.start[i];
                int len = b.length[i];
                if (fastPaths) {
                    if (LineBatch.scanPlainEdge(d, off, len, spans)) {
                        EdgeType t = edgeType(d, spans[0], spans[1]);
                        if (t != null) {
                            b.kind[i] = LineBatch.EDGE_BYTES;
                            b.edgeType[i] = t;
                            System.arraycopy(spans, 2, b.ends, 4 * i, 4);
                            continue;
                        }
                    } else {
                        String[] e = streamedEdge(d, off, len);
                        EdgeType t = e == null ? null : edgeType(e[0]);
                        if (t != null) {
                            b.kind[i] = LineBatch.EDGE_STRINGS;
                            b.edgeType[i] = t;
                            b.parsed[i] = new String[]{e[1], e[2]};
                            continue;
                        }
                    }
                }
                b.kind[i] = LineBatch.GENERAL;
                try {
                    b.parsed[i] = tree(b.firstLine + i, d, off, len);
                } catch (RuntimeException e) {
                    b.parsed[i] = e;
                }
            }
        }

        private EdgeType edgeType(byte[] d, int off, int len) {
            if (lastType != null && Arrays.equals(d, off, off + len, lastName, 0, lastName.length)) {
                return lastType;
            }
            EdgeType t = edgeType(new String(d, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (t != null) {
                lastName = Arrays.copyOfRange(d, off, off + len);
                lastType = t;
            }
            return t;
        }

        private EdgeType edgeType(String name) {
            return schema.catalog().edgeTypeIgnoreCase(name).orElse(null);
        }

        /** {@code {edge, from, to}} of a plain edge record read by the streaming parser, or null for anything else. */
        private static String[] streamedEdge(byte[] d, int off, int len) {
            String edge = null;
            String from = null;
            String to = null;
            try (JsonParser jp = MAPPER.getFactory().createParser(d, off, len)) {
                if (jp.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                JsonToken t;
                while ((t = jp.nextToken()) == JsonToken.FIELD_NAME) {
                    String f = jp.currentName();
                    if (jp.nextToken() != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    switch (f) {
                        case "edge" -> {
                            if (edge != null) {
                                return null;
                            }
                            edge = jp.getText();
                        }
                        case "from" -> {
                            if (from != null) {
                                return null;
                            }
                            from = jp.getText();
                        }
                        case "to" -> {
                            if (to != null) {
                                return null;
                            }
                            to = jp.getText();
                        }
                        default -> {
                            return null;
                        }
                    }
                }
                if (t != JsonToken.END_OBJECT || edge == null || from == null || to == null || jp.nextToken() != null) {
                    return null;
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return new String[]{edge, from, to};
        }
    }

    /** A plain edge record whose endpoints are raw bytes of the batch (no data: every property is absent). */
    private void edgeBytes(long line, EdgeType type, byte[] d, int fromOff, int fromLen, int toOff, int toLen) {
        Map<String, Value> values = type.properties().isEmpty() ? Map.of() : properties(line, type, null, true);
        accumulator(type).addEdge(line, d, fromOff, fromLen, toOff, toLen, values);
    }

    private static String string(long line, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw error(line, "'" + field + "' must be a string");
        }
        return v.textValue();
    }

    private Map<String, Value> properties(long line, EntityType type, JsonNode data, boolean edge) {
        return properties(line, type, data, edge, new java.util.HashSet<>());
    }

    private static boolean absent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private Map<String, Value> properties(long line, EntityType type, JsonNode data, boolean edge, Set<String> placeholders) {
        String owner = GraphSchema.typeKey(type);
        if (data != null) {
            for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("id")) {
                    continue;
                }
                if (RESERVED.contains(f)) {
                    throw error(line, "field '" + f + "' of '" + owner + "' is reserved physical state");
                }
                if (edge && (f.equals("src") || f.equals("dst"))) {
                    throw error(line, "field '" + f + "' of '" + owner + "' is reserved structural state (give the "
                            + "endpoints as the record's 'from' and 'to')");
                }
                if (type.property(f).isEmpty()) {
                    throw error(line, "unknown input field '" + f + "' for '" + owner + "'");
                }
            }
        }
        Map<String, Value> values = new HashMap<>();
        for (PropertyDef p : type.properties()) {
            JsonNode v = data == null ? null : data.get(p.name());
            if (p.embed().isPresent() && absent(v) && data != null && !absent(data.get(p.embed().get().source()))) {
                if (computeEmbeddings) {
                    placeholders.add(p.name());
                    values.put(p.name(), Value.NULL);
                    continue;
                }
                if (!p.type().nullable()) {
                    throw new EngineException.Invalid(EngineErrorCode.EMBEDDING_NOT_CONFIGURED, "line " + line, "line " + line
                            + ": property '" + p.name() + "' of '" + owner + "' is @embed(" + p.embed().get().source()
                            + ") and has no value, and no embedding provider is installed to compute it; bind one "
                            + "(graphs.<id>.embedding_provider in cluster.yaml, or OMNIGRAPH_EMBEDDINGS_MOCK=1 for offline "
                            + "mock vectors), or pass the vector");
                }
            }
            try {
                values.put(p.name(), Values.fromJson(v, p.type(), ValueTarget.property(type.name(), p.name())));
            } catch (ValueException e) {
                throw error(line, e.getMessage());
            }
        }
        return values;
    }

    private static String explicitId(long line, JsonNode data) {
        if (data == null || !data.has("id")) {
            return null;
        }
        JsonNode id = data.get("id");
        if (!id.isTextual()) {
            throw error(line, "'id' must be a string");
        }
        return id.textValue();
    }

    private void node(long line, NodeType type, JsonNode data) {
        Set<String> placeholders = new java.util.HashSet<>();
        Map<String, Value> values = properties(line, type, data, false, placeholders);
        String explicit = explicitId(line, data);
        String id;
        boolean keyed = !type.keyPropertiesById().isEmpty();
        if (keyed) {
            try {
                id = NodeIds.canonicalId(type, values);
            } catch (ValueException e) {
                throw error(line, e.getMessage());
            }
            if (explicit != null && !explicit.equals(id)) {
                throw error(line, "node " + type.name() + " explicit id '" + explicit
                        + "' does not match its canonical @key id '" + id + "'");
            }
        } else {
            id = explicit != null ? explicit : null;
        }
        accumulator(type).add(line, id, keyed, null, null, values, placeholders);
    }

    private void edge(long line, EdgeType type, String from, String to, JsonNode data) {
        Map<String, Value> values = properties(line, type, data, true);
        accumulator(type).add(line, explicitId(line, data), false, from, to, values, Set.of());
    }

    private EntityType lastAccumulated;
    private Accumulator lastAccumulator;

    private Accumulator accumulator(EntityType type) {
        if (type == lastAccumulated) {
            return lastAccumulator;
        }
        TableSchema ts = schema.table(type);
        Accumulator a = tables.computeIfAbsent(ts.tableKey(), k -> new Accumulator(type, ts));
        lastAccumulated = type;
        lastAccumulator = a;
        return a;
    }

    private ParsedLoad finish(long lines, long bytes) {
        Map<String, ParsedLoad.ParsedTable> out = new TreeMap<>();
        for (Accumulator a : tables.values()) {
            out.put(a.schema.tableKey(), a.finish());
        }
        return new ParsedLoad(mode, out, lines, bytes);
    }

    /** Column builders of one type plus the bookkeeping for duplicate ids. */
    private final class Accumulator {
        final EntityType type;
        final TableSchema schema;
        final TableDataBuilder builder;
        final ColumnBuilder.Strings ids;
        final ColumnBuilder.Strings src;
        final ColumnBuilder.Strings dst;
        final List<PropertyDef> props;
        final int propOffset;
        final Map<String, Integer> explicitRows = new HashMap<>();
        /** Rows whose id was minted, as BitSet words (set on every edge row: cheaper than BitSet.set). */
        long[] generated = new long[16];
        final BitSet superseded = new BitSet();
        final Map<Long, BitSet> embed = new HashMap<>();
        int[] lines = new int[64];
        int rows;

        Accumulator(EntityType type, TableSchema schema) {
            this.type = type;
            this.schema = schema;
            this.builder = new TableDataBuilder(schema, 1024);
            this.ids = (ColumnBuilder.Strings) builder.column(0);
            boolean edge = type instanceof EdgeType;
            this.src = edge ? (ColumnBuilder.Strings) builder.column(1) : null;
            this.dst = edge ? (ColumnBuilder.Strings) builder.column(2) : null;
            this.propOffset = edge ? 3 : 1;
            this.props = type.properties();
        }

        void add(long line, String id, boolean keyed, String from, String to, Map<String, Value> values,
                 Set<String> placeholders) {
            int row = startRow(line, id, keyed);
            if (src != null) {
                src.append(from);
                dst.append(to);
            }
            endRow(line, row, values, placeholders);
        }

        /** {@link #add} for an edge without explicit id whose endpoints are UTF-8 bytes. */
        void addEdge(long line, byte[] d, int fromOff, int fromLen, int toOff, int toLen, Map<String, Value> values) {
            int row = rows;
            if (limits.maxKeyedRowsPerType() != Long.MAX_VALUE) {
                startRow(line, null, false); // the checked path, with the row limit
            } else {
                if ((row >>> 6) >= generated.length) {
                    generated = Arrays.copyOf(generated, generated.length * 2);
                }
                generated[row >>> 6] |= 1L << row;
                ulids.appendNext(ids);
            }
            src.appendBytes(d, fromOff, fromLen);
            dst.appendBytes(d, toOff, toLen);
            endRow(line, row, values, Set.of());
        }

        /** Limits, id (minted or checked for duplicates) and the id cell of a new row; returns the row. */
        private int startRow(long line, String id, boolean keyed) {
            if (limits.maxKeyedRowsPerType() != Long.MAX_VALUE && mode != LoadMode.OVERWRITE
                    && rows + 1 > limits.maxKeyedRowsPerType()) {
                throw new EngineException.ResourceLimit("keyed_write_rows", limits.maxKeyedRowsPerType(), rows + 1L,
                        "line " + line + ": this load writes more than " + limits.maxKeyedRowsPerType() + " " + type.name()
                                + " entities in one commit (the server's per-type limit for append/merge loads); split the"
                                + " input into several loads, or load it with the omnigraph CLI directly against the store");
            }
            int row = rows;
            if (id == null) {
                id = ulids.get();
                if ((row >>> 6) >= generated.length) {
                    generated = Arrays.copyOf(generated, generated.length * 2);
                }
                generated[row >>> 6] |= 1L << row;
            } else {
                Integer prev = explicitRows.put(id, row);
                if (prev != null) {
                    if (keyed || mode != LoadMode.MERGE) {
                        throw error(line, "duplicate " + type.kind().label() + " " + type.name() + " id '" + id
                                + "' (first on line " + lines[prev] + ")" + (keyed
                                ? "; a @key identifies one entity, so each may appear once per load"
                                : "; ids must be unique within one " + mode.wire() + " load"));
                    }
                    superseded.set(prev); // merge: the last record of an explicit id wins
                }
            }
            ids.append(id);
            return row;
        }

        private void endRow(long line, int row, Map<String, Value> values, Set<String> placeholders) {
            for (int i = 0; i < props.size(); i++) {
                PropertyDef p = props.get(i);
                Cells.append(builder.column(propOffset + i), values.get(p.name()), p.type());
                if (placeholders.contains(p.name())) {
                    embed.computeIfAbsent(p.propertyId(), k -> new BitSet()).set(row);
                }
            }
            if (row == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[row] = (int) Math.min(Integer.MAX_VALUE, line);
            rows++;
            if ((rows & 0xFFF) == 0 && limits.maxBytesPerType() != Long.MAX_VALUE) {
                checkBytes(line);
            }
        }

        private void checkBytes(long line) {
            long bytes = 0;
            for (int i = 0; i < schema.columns().size(); i++) {
                bytes += estimate(builder.column(i));
            }
            if (bytes > limits.maxBytesPerType()) {
                throw new EngineException.ResourceLimit("keyed_write_bytes", limits.maxBytesPerType(), bytes,
                        "line " + line + ": the " + type.name() + " records of this load exceed "
                                + (limits.maxBytesPerType() >> 20) + " MiB in one commit; split the input into several loads");
            }
        }

        ParsedLoad.ParsedTable finish() {
            TableData data = embed.isEmpty() ? builder.build() : builder.buildUnchecked();
            if (limits.maxBytesPerType() != Long.MAX_VALUE && data.estimatedBytes() > limits.maxBytesPerType()) {
                throw new EngineException.ResourceLimit("keyed_write_bytes", limits.maxBytesPerType(), data.estimatedBytes(),
                        "the " + type.name() + " records of this load stage " + (data.estimatedBytes() >> 20)
                                + " MiB, over the " + (limits.maxBytesPerType() >> 20) + " MiB per-commit limit; split the"
                                + " input into several loads");
            }
            int[] lineOf = Arrays.copyOf(lines, rows);
            BitSet gen = BitSet.valueOf(generated);
            Map<Long, BitSet> emb = embed;
            if (!superseded.isEmpty()) {
                int[] keep = new int[rows - superseded.cardinality()];
                BitSet g2 = new BitSet();
                Map<Long, BitSet> e2 = new HashMap<>();
                int k = 0;
                for (int r = 0; r < rows; r++) {
                    if (!superseded.get(r)) {
                        if (gen.get(r)) {
                            g2.set(k);
                        }
                        for (Map.Entry<Long, BitSet> e : embed.entrySet()) {
                            if (e.getValue().get(r)) {
                                e2.computeIfAbsent(e.getKey(), x -> new BitSet()).set(k);
                            }
                        }
                        lineOf[k] = lineOf[r];
                        keep[k++] = r;
                    }
                }
                data = data.select(keep);
                lineOf = Arrays.copyOf(lineOf, k);
                gen = g2;
                emb = e2;
            }
            return new ParsedLoad.ParsedTable(type, schema, data, gen, lineOf, emb);
        }
    }

    private static long estimate(ColumnBuilder b) {
        // a cheap upper-bound estimate: 16 bytes per value plus string bytes are not tracked by builders, so count
        // values only; the staged size check is approximate by design
        return (long) b.size() * 16;
    }
}
