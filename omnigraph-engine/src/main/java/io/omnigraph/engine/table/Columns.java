package io.omnigraph.engine.table;

import java.util.List;

/** Column utilities: concatenation of same-typed columns (used when folding segments into one table). */
public final class Columns {
    private Columns() {
    }

    /** Concatenates columns of one physical type, in order. One part is returned as is. */
    public static Column concat(PhysicalType type, List<? extends Column> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = 0;
        for (Column c : parts) {
            if (!c.type().equals(type)) {
                throw new IllegalArgumentException("cannot concatenate " + c.type().text() + " into " + type.text());
            }
            total = Math.addExact(total, c.size());
        }
        long[] nulls = null;
        int base = 0;
        for (Column c : parts) {
            if (c.hasNulls()) {
                for (int r = 0; r < c.size(); r++) {
                    if (c.isNull(r)) {
                        nulls = Nulls.set(nulls, base + r, total);
                    }
                }
            }
            base += c.size();
        }
        switch (type) {
            case ScalarType s when s.isIntBacked() -> {
                int[] out = new int[total];
                int p = 0;
                for (Column c : parts) {
                    System.arraycopy(((IntColumn) c).rawValues(), 0, out, p, c.size());
                    p += c.size();
                }
                return new IntColumn(s, out, total, nulls);
            }
            case ScalarType s when s.isLongBacked() -> {
                long[] out = new long[total];
                int p = 0;
                for (Column c : parts) {
                    System.arraycopy(((LongColumn) c).rawValues(), 0, out, p, c.size());
                    p += c.size();
                }
                return new LongColumn(s, out, total, nulls);
            }
            case ScalarType s when s == ScalarType.F32 -> {
                float[] out = new float[total];
                int p = 0;
                for (Column c : parts) {
                    System.arraycopy(((FloatColumn) c).rawValues(), 0, out, p, c.size());
                    p += c.size();
                }
                return new FloatColumn(out, total, nulls);
            }
            case ScalarType s when s == ScalarType.F64 -> {
                double[] out = new double[total];
                int p = 0;
                for (Column c : parts) {
                    System.arraycopy(((DoubleColumn) c).rawValues(), 0, out, p, c.size());
                    p += c.size();
                }
                return new DoubleColumn(out, total, nulls);
            }
            case ScalarType s when s == ScalarType.BOOL -> {
                long[] bits = new long[(total + 63) >>> 6];
                int p = 0;
                for (Column c : parts) {
                    BoolColumn b = (BoolColumn) c;
                    for (int r = 0; r < b.size(); r++, p++) {
                        if (b.getBoolean(r)) {
                            bits[p >>> 6] |= 1L << p;
                        }
                    }
                }
                return new BoolColumn(bits, total, nulls);
            }
            case ScalarType s when s == ScalarType.STRING -> {
                ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, total);
                if (parts.stream().allMatch(c -> c instanceof Utf8Column)) {
                    b.plainOnly(); // keep the layout the parts chose (ids stay plain)
                }
                for (Column c : parts) {
                    appendStrings(b, (StringColumn) c);
                }
                return b.build();
            }
            case ScalarType s -> { // BLOB
                ColumnBuilder.Blobs b = (ColumnBuilder.Blobs) ColumnBuilder.forType(s, total);
                for (Column c : parts) {
                    BlobColumn bc = (BlobColumn) c;
                    for (int r = 0; r < bc.size(); r++) {
                        if (bc.isNull(r)) {
                            b.appendNull();
                        } else {
                            b.appendBytes(bc.rawData(), bc.start(r), bc.length(r));
                        }
                    }
                }
                return b.build();
            }
            case VectorType v -> {
                float[] out = new float[Math.multiplyExact(total, v.dim())];
                int p = 0;
                for (Column c : parts) {
                    System.arraycopy(((VectorColumn) c).rawValues(), 0, out, p, c.size() * v.dim());
                    p += c.size() * v.dim();
                }
                return new VectorColumn(v, out, total, nulls);
            }
            case ListType l -> {
                int[] offsets = new int[total + 1];
                java.util.ArrayList<Column> elems = new java.util.ArrayList<>();
                int p = 0;
                int shift = 0;
                for (Column c : parts) {
                    ListColumn lc = (ListColumn) c;
                    for (int r = 0; r < lc.size(); r++) {
                        offsets[++p] = shift + lc.end(r);
                    }
                    shift += lc.elements().size();
                    elems.add(lc.elements());
                }
                return new ListColumn(l, offsets, concat(l.element(), elems), total, nulls);
            }
        }
    }

    private static void appendStrings(ColumnBuilder.Strings b, StringColumn c) {
        Utf8Column plain;
        int[] codes = null;
        if (c instanceof DictStringColumn d) {
            plain = d.dictionary();
            codes = d.rawCodes();
        } else {
            plain = (Utf8Column) c;
        }
        byte[] data = plain.rawData();
        for (int r = 0; r < c.size(); r++) {
            if (c.isNull(r)) {
                b.appendNull();
            } else {
                int i = codes == null ? r : codes[r];
                b.appendBytes(data, plain.start(i), plain.end(i) - plain.start(i));
            }
        }
    }
}
