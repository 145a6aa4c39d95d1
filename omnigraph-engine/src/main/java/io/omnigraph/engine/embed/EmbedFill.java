package io.omnigraph.engine.embed;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.engine.load.ParsedLoad;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.Nulls;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.VectorColumn;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@code @embed} vectors of staged rows (load: {@link #fill(ParsedLoad, Embedder)}). Runs after parsing and
 * before the write is prepared, so provider calls (batched, retried) never happen while a commit draft exists or
 * anything is held that other writers wait on; a failure aborts the write with nothing published.
 */
public final class EmbedFill {
    private EmbedFill() {
    }

    /** The parsed load with every placeholder of {@link ParsedLoad.ParsedTable#embed()} filled, validated. */
    public static ParsedLoad fill(ParsedLoad parsed, Embedder embedder) {
        if (!parsed.needsEmbedding()) {
            return parsed;
        }
        Map<String, ParsedLoad.ParsedTable> out = new LinkedHashMap<>();
        for (Map.Entry<String, ParsedLoad.ParsedTable> e : parsed.tables().entrySet()) {
            ParsedLoad.ParsedTable t = e.getValue();
            TableData rows = t.rows();
            for (Map.Entry<Long, BitSet> need : t.embed().entrySet()) {
                PropertyDef target = property(t.type(), need.getKey());
                rows = fill(rows, t.type(), target, need.getValue(), embedder);
            }
            out.put(e.getKey(), t.withRows(TableData.of(rows.schema(), rows.columns())));
        }
        return new ParsedLoad(parsed.mode(), out, parsed.lines(), parsed.bytes());
    }

    /**
     * Fills {@code target} in the given rows from the text of its {@code @embed} source. Rows whose source is NULL are
     * left as they are.
     */
    public static TableData fill(TableData rows, EntityType type, PropertyDef target, BitSet need, Embedder embedder) {
        PropertyDef source = type.property(target.embed().orElseThrow().source()).orElseThrow();
        int ti = columnIndex(rows.schema(), target.propertyId());
        int si = columnIndex(rows.schema(), source.propertyId());
        StringColumn src = (StringColumn) rows.column(si);
        VectorColumn vec = (VectorColumn) rows.column(ti);
        List<Integer> at = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int r = need.nextSetBit(0); r >= 0; r = need.nextSetBit(r + 1)) {
            if (!src.isNull(r)) {
                at.add(r);
                texts.add(src.getString(r));
            }
        }
        if (texts.isEmpty()) {
            return rows;
        }
        int dim = vec.dim();
        List<float[]> vectors = embedder.embed(texts, dim, Embedder.EmbedTask.DOCUMENT);
        float[] values = vec.rawValues().clone();
        BitSet filled = new BitSet();
        for (int i = 0; i < at.size(); i++) {
            System.arraycopy(vectors.get(i), 0, values, at.get(i) * dim, dim);
            filled.set(at.get(i));
        }
        long[] nulls = null;
        for (int r = 0; r < vec.size(); r++) {
            if (vec.isNull(r) && !filled.get(r)) {
                nulls = Nulls.set(nulls, r, vec.size());
            }
        }
        List<Column> cols = new ArrayList<>(rows.columns());
        cols.set(ti, new VectorColumn(vec.type(), values, vec.size(), Nulls.finish(nulls, vec.size())));
        return TableData.ofDecoded(rows.schema(), rows.rowCount(), cols);
    }

    private static PropertyDef property(EntityType type, long propertyId) {
        return type.properties().stream().filter(p -> p.propertyId() == propertyId).findFirst().orElseThrow();
    }

    private static int columnIndex(TableSchema schema, long propertyId) {
        for (int i = 0; i < schema.columns().size(); i++) {
            ColumnSpec c = schema.columns().get(i);
            if (!c.isSystem() && c.fieldId() == propertyId) {
                return i;
            }
        }
        throw new IllegalStateException("no column for property " + propertyId + " in " + schema.tableKey());
    }
}
