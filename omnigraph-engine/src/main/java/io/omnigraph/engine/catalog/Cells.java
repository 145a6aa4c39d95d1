package io.omnigraph.engine.catalog;

import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.table.BlobColumn;
import io.omnigraph.engine.table.BoolColumn;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.DoubleColumn;
import io.omnigraph.engine.table.FloatColumn;
import io.omnigraph.engine.table.IntColumn;
import io.omnigraph.engine.table.ListColumn;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.VectorColumn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conversion between typed {@link Value}s (compiler) and column cells (engine), given the property's {@link PropType}.
 * Integers of every width are {@link Value.Int}; U64 values above {@code Long.MAX_VALUE} keep their bit pattern.
 */
public final class Cells {
    private Cells() {
    }

    /** The typed value of one cell (NULL for a null cell). */
    public static Value read(Column column, int row, PropType type) {
        if (column.isNull(row)) {
            return Value.NULL;
        }
        if (type.list()) {
            ListColumn lc = (ListColumn) column;
            PropType element = type.element();
            List<Value> items = new ArrayList<>(lc.end(row) - lc.start(row));
            for (int i = lc.start(row); i < lc.end(row); i++) {
                items.add(read(lc.elements(), i, element));
            }
            return new Value.Array(items);
        }
        return switch (column) {
            case StringColumn s -> new Value.Text(s.getString(row));
            case BoolColumn b -> new Value.Bool(b.getBoolean(row));
            case IntColumn i -> switch (type.scalar()) {
                case DATE -> new Value.Date(i.getInt(row));
                case U32 -> new Value.Int(Integer.toUnsignedLong(i.getInt(row)));
                default -> new Value.Int(i.getInt(row));
            };
            case LongColumn l -> type.scalar() == ScalarKind.DATETIME ? new Value.DateTime(l.getLong(row))
                    : new Value.Int(l.getLong(row));
            case FloatColumn f -> new Value.Real(f.getFloat(row));
            case DoubleColumn d -> new Value.Real(d.getDouble(row));
            case VectorColumn v -> new Value.Vector(v.getVector(row));
            case BlobColumn b -> BlobCells.decode(b.getBytes(row));
            case ListColumn l -> throw new IllegalStateException("list column for non-list type " + type.display());
        };
    }

    /** Appends a typed value (NULL → a null cell) to a builder of the property's physical type. */
    public static void append(ColumnBuilder builder, Value value, PropType type) {
        if (value.isNull()) {
            builder.appendNull();
            return;
        }
        builder.appendValue(box(value, type));
    }

    /** The boxed form {@link ColumnBuilder#appendValue} takes. */
    public static Object box(Value value, PropType type) {
        return switch (value) {
            case Value.Null n -> null;
            case Value.Text t -> t.value();
            case Value.Bool b -> b.value();
            case Value.Int i -> type.scalar() == ScalarKind.U32 ? Integer.valueOf((int) i.value())
                    : (Object) Long.valueOf(i.value());
            case Value.Real r -> r.value();
            case Value.Date d -> d.epochDay();
            case Value.DateTime dt -> dt.epochMillis();
            case Value.Vector v -> v.values();
            case Value.Blob b -> BlobCells.encode(b);
            case Value.Array a -> {
                PropType element = type.element();
                List<Object> out = new ArrayList<>(a.items().size());
                for (Value item : a.items()) {
                    out.add(box(item, element));
                }
                yield out;
            }
        };
    }

    /** Blob cells: a tag byte (0 = inline bytes, 1 = external URI in UTF-8) followed by the payload. */
    public static final class BlobCells {
        private BlobCells() {
        }

        public static byte[] encode(Value.Blob blob) {
            return switch (blob) {
                case Value.BlobBytes b -> {
                    byte[] data = b.bytes();
                    byte[] out = new byte[data.length + 1];
                    System.arraycopy(data, 0, out, 1, data.length);
                    yield out;
                }
                case Value.BlobUri u -> {
                    byte[] data = u.uri().getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[data.length + 1];
                    out[0] = 1;
                    System.arraycopy(data, 0, out, 1, data.length);
                    yield out;
                }
            };
        }

        public static Value.Blob decode(byte[] cell) {
            if (cell.length > 0 && cell[0] == 1) {
                return new Value.BlobUri(new String(cell, 1, cell.length - 1, StandardCharsets.UTF_8));
            }
            return new Value.BlobBytes(cell.length == 0 ? cell : Arrays.copyOfRange(cell, 1, cell.length));
        }
    }
}
