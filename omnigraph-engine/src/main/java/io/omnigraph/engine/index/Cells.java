package io.omnigraph.engine.index;

import io.omnigraph.engine.table.BoolColumn;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.DoubleColumn;
import io.omnigraph.engine.table.FloatColumn;
import io.omnigraph.engine.table.IntColumn;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.Utf8Column;

import java.util.Arrays;

/**
 * Allocation-free typed access to scalar cells, shared by indexes and the query executor. Every comparable scalar
 * falls in one of two comparison domains:
 * <ul>
 *   <li>numeric — integers, U32/U64 (U64 values are limited to {@code 2^63-1}), Date (epoch days), DateTime (epoch
 *       ms) and Bool (0/1) as {@code long}; F32 (widened) and F64 as {@code double}. Integers and floats compare by
 *       exact value ({@link #compareLongDouble}), never by truncation;</li>
 *   <li>bytes — String (UTF-8, byte-wise unsigned order = code point order).</li>
 * </ul>
 */
public final class Cells {
    private Cells() {
    }

    /** How a scalar physical type is read. */
    public enum Domain { LONG, DOUBLE, BYTES, OTHER }

    public static Domain domain(Column c) {
        return switch (c) {
            case IntColumn i -> Domain.LONG;
            case LongColumn l -> Domain.LONG;
            case BoolColumn b -> Domain.LONG;
            case FloatColumn f -> Domain.DOUBLE;
            case DoubleColumn d -> Domain.DOUBLE;
            case StringColumn s -> Domain.BYTES;
            default -> Domain.OTHER;
        };
    }

    /** The value of a LONG-domain cell (0 for null rows). */
    public static long longAt(Column c, int row) {
        return switch (c) {
            case IntColumn i -> i.type() == ScalarType.U32 ? i.getUnsigned(row) : i.getInt(row);
            case LongColumn l -> l.getLong(row);
            case BoolColumn b -> b.getBoolean(row) ? 1 : 0;
            default -> throw new IllegalArgumentException("not a long-domain column: " + c.type().text());
        };
    }

    /** The value of a DOUBLE-domain cell (F32 widened). */
    public static double doubleAt(Column c, int row) {
        return switch (c) {
            case FloatColumn f -> f.getFloat(row);
            case DoubleColumn d -> d.getDouble(row);
            default -> throw new IllegalArgumentException("not a double-domain column: " + c.type().text());
        };
    }

    /** The value of any numeric cell as a double (may round large longs; only for aggregates). */
    public static double numberAt(Column c, int row) {
        return domain(c) == Domain.DOUBLE ? doubleAt(c, row) : (double) longAt(c, row);
    }

    // ------------------------------------------------------------------------------------------------ strings

    /** The plain column that holds the bytes of {@code row} (the dictionary for dictionary columns). */
    public static Utf8Column arena(StringColumn c) {
        return c instanceof DictStringColumn d ? d.dictionary() : (Utf8Column) c;
    }

    /** The row of {@link #arena} holding the bytes of {@code row}. */
    public static int arenaRow(StringColumn c, int row) {
        return c instanceof DictStringColumn d ? d.code(row) : row;
    }

    /** Unsigned byte-wise comparison of two non-null string cells. */
    public static int compareStrings(StringColumn a, int ra, StringColumn b, int rb) {
        Utf8Column pa = arena(a);
        int ia = arenaRow(a, ra);
        Utf8Column pb = arena(b);
        int ib = arenaRow(b, rb);
        return Arrays.compareUnsigned(pa.rawData(), pa.start(ia), pa.end(ia), pb.rawData(), pb.start(ib), pb.end(ib));
    }

    /** Unsigned byte-wise comparison of a non-null string cell with {@code utf8}. */
    public static int compareString(StringColumn a, int ra, byte[] utf8) {
        Utf8Column pa = arena(a);
        int ia = arenaRow(a, ra);
        return Arrays.compareUnsigned(pa.rawData(), pa.start(ia), pa.end(ia), utf8, 0, utf8.length);
    }

    /** True when two non-null string cells hold the same bytes. */
    public static boolean equalStrings(StringColumn a, int ra, StringColumn b, int rb) {
        Utf8Column pa = arena(a);
        int ia = arenaRow(a, ra);
        Utf8Column pb = arena(b);
        int ib = arenaRow(b, rb);
        return Arrays.equals(pa.rawData(), pa.start(ia), pa.end(ia), pb.rawData(), pb.start(ib), pb.end(ib));
    }

    /** True when the haystack cell contains the needle cell's bytes (both non-null); UTF-8 makes this a substring test. */
    public static boolean containsBytes(StringColumn hay, int rh, StringColumn needle, int rn) {
        Utf8Column ph = arena(hay);
        int ih = arenaRow(hay, rh);
        Utf8Column pn = arena(needle);
        int in = arenaRow(needle, rn);
        return indexOf(ph.rawData(), ph.start(ih), ph.end(ih), pn.rawData(), pn.start(in), pn.end(in)) >= 0;
    }

    /** True when the cell starts with the prefix cell's bytes (both non-null). */
    public static boolean startsWithBytes(StringColumn s, int rs, StringColumn prefix, int rp) {
        Utf8Column ps = arena(s);
        int is = arenaRow(s, rs);
        Utf8Column pp = arena(prefix);
        int ip = arenaRow(prefix, rp);
        int len = pp.end(ip) - pp.start(ip);
        if (ps.end(is) - ps.start(is) < len) {
            return false;
        }
        return Arrays.equals(ps.rawData(), ps.start(is), ps.start(is) + len, pp.rawData(), pp.start(ip), pp.end(ip));
    }

    static int indexOf(byte[] h, int hs, int he, byte[] n, int ns, int ne) {
        int len = ne - ns;
        if (len == 0) {
            return hs;
        }
        byte first = n[ns];
        int last = he - len;
        outer:
        for (int i = hs; i <= last; i++) {
            if (h[i] != first) {
                continue;
            }
            for (int j = 1; j < len; j++) {
                if (h[i + j] != n[ns + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ numbers

    /** Numeric order of doubles where {@code -0.0 == 0.0}; NaN sorts last (never stored by the strict loader). */
    public static int compareDoubles(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        if (a == b) {
            return 0;
        }
        return Double.compare(a, b);
    }

    /** Exact comparison of a long with a double (no rounding of the long). NaN is greater than everything. */
    public static int compareLongDouble(long a, double b) {
        if (Double.isNaN(b)) {
            return -1;
        }
        if (b >= 0x1p63) {
            return -1;
        }
        if (b < -0x1p63) {
            return 1;
        }
        long bl = (long) b; // truncates toward zero; exact because |b| < 2^63
        if (a != bl) {
            return Long.compare(a, bl);
        }
        double frac = b - bl; // exact
        return frac > 0 ? -1 : frac < 0 ? 1 : 0;
    }

    /** A well-mixed 32-bit hash of a long. */
    public static int mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        v *= 0xc4ceb9fe1a85ec53L;
        v ^= v >>> 33;
        return (int) v;
    }

    /** The hash key of a double value: equal numbers (incl. {@code -0.0 == 0.0}) give equal keys. */
    public static long doubleKey(double d) {
        return d == 0.0 ? 0L : Double.doubleToLongBits(d);
    }
}
