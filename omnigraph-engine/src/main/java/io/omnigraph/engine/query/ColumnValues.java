package io.omnigraph.engine.query;

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
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.PhysicalType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.VectorColumn;
import io.omnigraph.engine.table.VectorType;

import java.util.ArrayList;
import java.util.List;

/** Conversions between the compiler's typed {@link Value}s and engine columns. */
public final class ColumnValues {
    private ColumnValues() {
    }

    /** The physical column type that stores values of a property type. */
    public static PhysicalType physicalType(PropType t) {
        if (t.isVector()) {
            return new VectorType(t.vectorDim());
        }
        ScalarType s = scalar(t.scalar());
        return t.list() ? new ListType(s) : s;
    }

    private static ScalarType scalar(ScalarKind k) {
        return switch (k) {
            case STRING -> ScalarType.STRING;
            case BLOB -> ScalarType.BLOB;
            case BOOL -> ScalarType.BOOL;
            case I32 -> ScalarType.I32;
            case I64 -> ScalarType.I64;
            case U32 -> ScalarType.U32;
            case U64 -> ScalarType.U64;
            case F32 -> ScalarType.F32;
            case F64 -> ScalarType.F64;
            case DATE -> ScalarType.DATE;
            case DATETIME -> ScalarType.DATETIME;
            case VECTOR -> throw new IllegalArgumentException("vector is not a scalar");
        };
    }

    /** A value in the boxed form {@link ColumnBuilder#appendValue(Object)} accepts (null for NULL). */
    public static Object boxed(Value v) {
        return switch (v) {
            case Value.Null n -> null;
            case Value.Text s -> s.value();
            case Value.Bool b -> b.value();
            case Value.Int i -> i.value();
            case Value.Real r -> r.value();
            case Value.Date d -> d.epochDay();
            case Value.DateTime d -> d.epochMillis();
            case Value.Vector vec -> vec.values();
            case Value.BlobBytes b -> b.bytes();
            case Value.BlobUri u -> u.uri().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case Value.Array a -> {
                List<Object> out = new ArrayList<>(a.items().size());
                for (Value item : a.items()) {
                    out.add(boxed(item));
                }
                yield out;
            }
        };
    }

    /** A one-row column holding {@code v} as type {@code t}. */
    public static Column constant(Value v, PropType t) {
        ColumnBuilder b = ColumnBuilder.forType(physicalType(t), 1);
        b.appendValue(boxed(v));
        return b.build();
    }

    /** The typed value of a cell ({@link Value#NULL} for null). {@code t} is the column's declared type. */
    public static Value valueAt(Column c, PropType t, int row) {
        if (c.isNull(row)) {
            return Value.NULL;
        }
        return switch (c) {
            case IntColumn i -> switch (t.scalar()) {
                case DATE -> new Value.Date(i.getInt(row));
                case U32 -> new Value.Int(i.getUnsigned(row));
                default -> new Value.Int(i.getInt(row));
            };
            case LongColumn l -> t.scalar() == ScalarKind.DATETIME ? new Value.DateTime(l.getLong(row)) : new Value.Int(l.getLong(row));
            case FloatColumn f -> new Value.Real(f.getFloat(row));
            case DoubleColumn d -> new Value.Real(d.getDouble(row));
            case BoolColumn b -> new Value.Bool(b.getBoolean(row));
            case StringColumn s -> new Value.Text(s.getString(row));
            case VectorColumn v -> new Value.Vector(v.getVector(row));
            case BlobColumn b -> new Value.BlobBytes(b.getBytes(row));
            case ListColumn l -> {
                PropType element = t.element();
                List<Value> items = new ArrayList<>(l.end(row) - l.start(row));
                for (int i = l.start(row); i < l.end(row); i++) {
                    items.add(valueAt(l.elements(), element, i));
                }
                yield new Value.Array(items);
            }
        };
    }
}
