package io.omnigraph.engine.load;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parsed content of a load input, independent of the graph's current data: per table, the rows in file order
 * (after merge last-wins), which rows got generated ids, and the line each row came from. Binding it to a base
 * snapshot ({@link LoadBinder}) can be repeated after a lost race without re-reading the input.
 */
public record ParsedLoad(LoadMode mode, Map<String, ParsedTable> tables, long lines, long bytes) {
    public ParsedLoad {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    /**
     * One type's records. {@code generated} marks rows whose id was minted (never collide with existing ids);
     * {@code embed} maps an {@code @embed} target's property id to the rows whose vector must still be computed from
     * their source text (those rows hold NULL placeholders until {@link io.omnigraph.engine.embed.EmbedFill} fills them).
     */
    public record ParsedTable(EntityType type, TableSchema schema, TableData rows, BitSet generated, int[] lines,
                              Map<Long, BitSet> embed) {
        public ParsedTable {
            embed = Map.copyOf(embed);
        }

        public ParsedTable(EntityType type, TableSchema schema, TableData rows, BitSet generated, int[] lines) {
            this(type, schema, rows, generated, lines, Map.of());
        }

        public ParsedTable withRows(TableData filled) {
            return new ParsedTable(type, schema, filled, generated, lines, Map.of());
        }
    }

    /** True when some rows still wait for computed embeddings. */
    public boolean needsEmbedding() {
        return tables.values().stream().anyMatch(t -> t.embed().values().stream().anyMatch(b -> !b.isEmpty()));
    }
}
