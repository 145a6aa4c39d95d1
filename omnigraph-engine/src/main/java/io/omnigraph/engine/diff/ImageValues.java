package io.omnigraph.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.omnigraph.compiler.types.Dates;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.table.BlobColumn;
import io.omnigraph.engine.table.BoolColumn;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.DoubleColumn;
import io.omnigraph.engine.table.FloatColumn;
import io.omnigraph.engine.table.IntColumn;
import io.omnigraph.engine.table.ListColumn;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.VectorColumn;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders stored cells as output JSON, the same way query results render values: strings, booleans and numbers as
 * such ({@code u32}/{@code u64} unsigned), {@code date} as {@code YYYY-MM-DD}, {@code datetime} as an RFC 3339 UTC
 * timestamp with milliseconds, vectors and lists as arrays, blobs as {@code base64:…} (inline) or their URI (external; see the blob cells of docs/storage-format.md), non-finite floats as the
 * strings {@code NaN} / {@code Infinity} / {@code -Infinity}, nulls as JSON null.
 */
public final class ImageValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ImageValues() {
    }

    /** The image of a row: every user property (schema order, nulls included) and, for edges, its endpoints. */
    public static EntityImage image(RowRef row) {
        TableData t = row.data();
        Map<String, JsonNode> props = new LinkedHashMap<>();
        for (int c = 0; c < t.columns().size(); c++) {
            ColumnSpec spec = t.schema().columns().get(c);
            if (spec.isSystem()) {
                continue;
            }
            props.put(spec.name(), value(t.column(c), row.row()));
        }
        Optional<EntityImage.Endpoints> ends = Optional.empty();
        if (t.schema().kind() == TableKind.EDGE) {
            ends = Optional.of(new EntityImage.Endpoints(((StringColumn) t.column(1)).getString(row.row()),
                    ((StringColumn) t.column(2)).getString(row.row())));
        }
        return new EntityImage(props, ends);
    }

    /** One cell as JSON. */
    public static JsonNode value(Column c, int row) {
        if (c.isNull(row)) {
            return F.nullNode();
        }
        return switch (c) {
            case StringColumn s -> F.textNode(s.getString(row));
            case BoolColumn b -> F.booleanNode(b.getBoolean(row));
            case IntColumn i -> switch (i.type()) {
                case DATE -> F.textNode(Dates.formatDate(i.getInt(row)));
                case U32 -> F.numberNode(i.getUnsigned(row));
                default -> F.numberNode(i.getInt(row));
            };
            case LongColumn l -> switch (l.type()) {
                case DATETIME -> F.textNode(Dates.formatDateTime(l.getLong(row)));
                case U64 -> l.getLong(row) >= 0 ? F.numberNode(l.getLong(row))
                        : F.numberNode(new BigInteger(Long.toUnsignedString(l.getLong(row))));
                default -> F.numberNode(l.getLong(row));
            };
            case FloatColumn f -> real(f.getFloat(row));
            case DoubleColumn d -> real(d.getDouble(row));
            case BlobColumn b -> F.textNode(Cells.BlobCells.decode(b.getBytes(row)).toString());
            case VectorColumn v -> {
                ArrayNode a = F.arrayNode(v.dim());
                float[] raw = v.rawValues();
                for (int i = 0; i < v.dim(); i++) {
                    a.add(real(raw[row * v.dim() + i]));
                }
                yield a;
            }
            case ListColumn l -> {
                ArrayNode a = F.arrayNode(l.end(row) - l.start(row));
                for (int i = l.start(row); i < l.end(row); i++) {
                    a.add(value(l.elements(), i));
                }
                yield a;
            }
        };
    }

    private static JsonNode real(double d) {
        if (Double.isNaN(d)) {
            return F.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return F.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return F.numberNode(d);
    }

    private static JsonNode real(float f) {
        if (!Float.isFinite(f)) {
            return real((double) f);
        }
        // shortest decimal that round-trips in float32 (1.1f renders as 1.1, not 1.100000023841858)
        return F.numberNode(new java.math.BigDecimal(Float.toString(f)));
    }
}
