package io.omnigraph.engine.diff;

import io.omnigraph.engine.table.BlobColumn;
import io.omnigraph.engine.table.BoolColumn;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.DoubleColumn;
import io.omnigraph.engine.table.FloatColumn;
import io.omnigraph.engine.table.IdIndex;
import io.omnigraph.engine.table.IntColumn;
import io.omnigraph.engine.table.ListColumn;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.VectorColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Full-row logical equality (engine.md §2.3 "Equality details"): every column of the table schema is compared as a
 * framed typed value — null differs from every value (so null ≠ empty string, null list ≠ empty list); strings and
 * blobs compare by bytes (content identity); floats and vectors compare bit patterns (so {@code NaN} equals itself and
 * {@code -0.0} differs from {@code 0.0}); lists compare element-wise; edge endpoints ({@code src}, {@code dst}) are
 * ordinary columns and take part. Property names are never interpreted, so a user property called {@code _row…} is
 * compared like any other.
 *
 * <p>Both tables must have the same column layout (they are decoded under one {@code TableSchema}).
 */
public final class RowEquality {
    private RowEquality() {
    }

    /** True when row {@code ra} of {@code a} and row {@code rb} of {@code b} hold the same values in every column. */
    public static boolean equal(TableData a, int ra, TableData b, int rb) {
        int n = a.columns().size();
        if (n != b.columns().size()) {
            return false;
        }
        for (int c = 0; c < n; c++) {
            if (!sameValue(a.column(c), ra, b.column(c), rb)) {
                return false;
            }
        }
        return true;
    }

    /** Names of the columns whose values differ (in schema order). */
    public static List<String> differingColumns(TableData a, int ra, TableData b, int rb) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < a.columns().size(); c++) {
            if (!sameValue(a.column(c), ra, b.column(c), rb)) {
                out.add(a.schema().columns().get(c).name());
            }
        }
        return out;
    }

    /** Typed value equality of one cell of two columns of the same physical type. */
    public static boolean sameValue(Column x, int rx, Column y, int ry) {
        boolean nx = x.isNull(rx);
        boolean ny = y.isNull(ry);
        if (nx || ny) {
            return nx && ny;
        }
        if (!x.type().equals(y.type())) {
            return false;
        }
        return switch (x) {
            case StringColumn s -> IdIndex.sameValue(s, rx, (StringColumn) y, ry);
            case IntColumn i -> i.getInt(rx) == ((IntColumn) y).getInt(ry);
            case LongColumn l -> l.getLong(rx) == ((LongColumn) y).getLong(ry);
            case FloatColumn f -> Float.floatToRawIntBits(f.getFloat(rx)) == Float.floatToRawIntBits(((FloatColumn) y).getFloat(ry));
            case DoubleColumn d -> Double.doubleToRawLongBits(d.getDouble(rx)) == Double.doubleToRawLongBits(((DoubleColumn) y).getDouble(ry));
            case BoolColumn b -> b.getBoolean(rx) == ((BoolColumn) y).getBoolean(ry);
            case BlobColumn b -> {
                BlobColumn o = (BlobColumn) y;
                yield Arrays.equals(b.rawData(), b.start(rx), b.start(rx) + b.length(rx),
                        o.rawData(), o.start(ry), o.start(ry) + o.length(ry));
            }
            case VectorColumn v -> {
                VectorColumn o = (VectorColumn) y;
                int d = v.dim();
                float[] a = v.rawValues();
                float[] b = o.rawValues();
                boolean eq = true;
                for (int i = 0; i < d && eq; i++) {
                    eq = Float.floatToRawIntBits(a[rx * d + i]) == Float.floatToRawIntBits(b[ry * d + i]);
                }
                yield eq;
            }
            case ListColumn l -> {
                ListColumn o = (ListColumn) y;
                int len = l.end(rx) - l.start(rx);
                if (len != o.end(ry) - o.start(ry)) {
                    yield false;
                }
                boolean eq = true;
                for (int i = 0; i < len && eq; i++) {
                    eq = sameValue(l.elements(), l.start(rx) + i, o.elements(), o.start(ry) + i);
                }
                yield eq;
            }
        };
    }
}
