package io.omnigraph.engine.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Append-only builder of one {@link Column}. Not thread-safe. {@link #build()} may be called once. Use
 * {@link #forType(PhysicalType)} and either the typed append methods of the subclass or {@link #appendValue(Object)}
 * (boxed values as documented on {@link Column#get(int)}; U32 also accepts Integer bit patterns).
 */
public abstract sealed class ColumnBuilder
        permits ColumnBuilder.Ints, ColumnBuilder.Longs, ColumnBuilder.Floats, ColumnBuilder.Doubles,
        ColumnBuilder.Bools, ColumnBuilder.Binaries, ColumnBuilder.Vectors, ColumnBuilder.Lists {

    protected int size;
    protected long[] nulls;

    public static ColumnBuilder forType(PhysicalType type) {
        return forType(type, 16);
    }

    public static ColumnBuilder forType(PhysicalType type, int capacity) {
        int cap = Math.max(capacity, 4);
        return switch (type) {
            case ScalarType s -> switch (s) {
                case I32, U32, DATE -> new Ints(s, cap);
                case I64, U64, DATETIME -> new Longs(s, cap);
                case F32 -> new Floats(cap);
                case F64 -> new Doubles(cap);
                case BOOL -> new Bools(cap);
                case STRING -> new Strings(cap);
                case BLOB -> new Blobs(cap);
            };
            case VectorType v -> new Vectors(v, cap);
            case ListType l -> new Lists(l, cap);
        };
    }

    public final int size() {
        return size;
    }

    public abstract PhysicalType type();

    /** Appends a null row. */
    public abstract void appendNull();

    /** Appends a boxed value (null → null row); throws IllegalArgumentException naming the expected Java type. */
    public abstract void appendValue(Object value);

    public abstract Column build();

    protected final void markNull() {
        nulls = Nulls.set(nulls, size, size + 64);
    }

    protected IllegalArgumentException wrongType(Object v, String expected) {
        return new IllegalArgumentException("a " + type().text() + " value must be " + expected + ", got "
                + v.getClass().getSimpleName());
    }

    protected static int grow(int length, int needed) {
        return Math.max(needed, length + (length >> 1) + 16);
    }

    /** I32, U32, DATE. */
    public static final class Ints extends ColumnBuilder {
        private final ScalarType type;
        private int[] values;

        Ints(ScalarType type, int cap) {
            this.type = type;
            this.values = new int[cap];
        }

        @Override
        public ScalarType type() {
            return type;
        }

        public void append(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(values.length, size + 1));
            }
            values[size++] = v;
        }

        @Override
        public void appendNull() {
            markNull();
            append(0);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof Number n && !(v instanceof Float) && !(v instanceof Double)) {
                long l = n.longValue();
                if (type == ScalarType.U32) {
                    if (v instanceof Integer) {
                        append((Integer) v);
                    } else if (l < 0 || l > 0xFFFF_FFFFL) {
                        throw new IllegalArgumentException("u32 value out of range: " + l);
                    } else {
                        append((int) l);
                    }
                } else {
                    if (l != (int) l) {
                        throw new IllegalArgumentException(type.text() + " value out of range: " + l);
                    }
                    append((int) l);
                }
            } else {
                throw wrongType(v, "an integer");
            }
        }

        @Override
        public IntColumn build() {
            return new IntColumn(type, values.length == size ? values : Arrays.copyOf(values, size), size, Nulls.finish(nulls, size));
        }
    }

    /** I64, U64, DATETIME. */
    public static final class Longs extends ColumnBuilder {
        private final ScalarType type;
        private long[] values;

        Longs(ScalarType type, int cap) {
            this.type = type;
            this.values = new long[cap];
        }

        @Override
        public ScalarType type() {
            return type;
        }

        public void append(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(values.length, size + 1));
            }
            values[size++] = v;
        }

        @Override
        public void appendNull() {
            markNull();
            append(0);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof Number n && !(v instanceof Float) && !(v instanceof Double)) {
                append(n.longValue());
            } else {
                throw wrongType(v, "an integer");
            }
        }

        @Override
        public LongColumn build() {
            return new LongColumn(type, values.length == size ? values : Arrays.copyOf(values, size), size, Nulls.finish(nulls, size));
        }
    }

    /** F32. */
    public static final class Floats extends ColumnBuilder {
        private float[] values;

        Floats(int cap) {
            this.values = new float[cap];
        }

        @Override
        public ScalarType type() {
            return ScalarType.F32;
        }

        public void append(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(values.length, size + 1));
            }
            values[size++] = v;
        }

        @Override
        public void appendNull() {
            markNull();
            append(0f);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof Number n) {
                append(n.floatValue());
            } else {
                throw wrongType(v, "a number");
            }
        }

        @Override
        public FloatColumn build() {
            return new FloatColumn(values.length == size ? values : Arrays.copyOf(values, size), size, Nulls.finish(nulls, size));
        }
    }

    /** F64. */
    public static final class Doubles extends ColumnBuilder {
        private double[] values;

        Doubles(int cap) {
            this.values = new double[cap];
        }

        @Override
        public ScalarType type() {
            return ScalarType.F64;
        }

        public void append(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(values.length, size + 1));
            }
            values[size++] = v;
        }

        @Override
        public void appendNull() {
            markNull();
            append(0d);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof Number n) {
                append(n.doubleValue());
            } else {
                throw wrongType(v, "a number");
            }
        }

        @Override
        public DoubleColumn build() {
            return new DoubleColumn(values.length == size ? values : Arrays.copyOf(values, size), size, Nulls.finish(nulls, size));
        }
    }

    /** BOOL. */
    public static final class Bools extends ColumnBuilder {
        private long[] bits;

        Bools(int cap) {
            this.bits = new long[(cap + 63) >>> 6];
        }

        @Override
        public ScalarType type() {
            return ScalarType.BOOL;
        }

        public void append(boolean v) {
            if (size >>> 6 >= bits.length) {
                bits = Arrays.copyOf(bits, grow(bits.length, (size >>> 6) + 1));
            }
            if (v) {
                bits[size >>> 6] |= 1L << size;
            }
            size++;
        }

        @Override
        public void appendNull() {
            markNull();
            append(false);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof Boolean b) {
                append(b);
            } else {
                throw wrongType(v, "a boolean");
            }
        }

        @Override
        public BoolColumn build() {
            return new BoolColumn(Arrays.copyOf(bits, (size + 63) >>> 6), size, Nulls.finish(nulls, size));
        }
    }

    /** Byte arena + offsets, shared by strings and blobs. */
    public abstract static sealed class Binaries extends ColumnBuilder permits Strings, Blobs {
        protected byte[] data;
        protected int[] offsets;
        protected int used;

        Binaries(int cap) {
            data = new byte[cap * 8];
            offsets = new int[cap + 1];
        }

        public void appendBytes(byte[] b, int off, int len) {
            if (used + len > data.length) {
                long want = Math.max((long) used + len, (long) data.length + (data.length >> 1) + 64);
                if (want > Integer.MAX_VALUE - 16) {
                    if ((long) used + len > Integer.MAX_VALUE - 16) {
                        throw new IllegalStateException("column exceeds 2 GiB of bytes; split the batch");
                    }
                    want = Integer.MAX_VALUE - 16;
                }
                data = Arrays.copyOf(data, (int) want);
            }
            System.arraycopy(b, off, data, used, len);
            used += len;
            if (size + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, grow(offsets.length, size + 2));
            }
            offsets[++size] = used;
        }

        /** Appends the contents of a buffer (position..limit) without changing it. */
        public void appendBuffer(java.nio.ByteBuffer buf) {
            int len = buf.remaining();
            if (buf.hasArray()) {
                appendBytes(buf.array(), buf.arrayOffset() + buf.position(), len);
            } else {
                byte[] tmp = new byte[len];
                buf.duplicate().get(tmp);
                appendBytes(tmp, 0, len);
            }
        }

        @Override
        public void appendNull() {
            markNull();
            appendBytes(data, 0, 0);
        }
    }

    /** STRING; chooses plain or dictionary layout at {@link #build()}. */
    public static final class Strings extends Binaries {
        private boolean allowDictionary = true;

        Strings(int cap) {
            super(cap);
        }

        @Override
        public ScalarType type() {
            return ScalarType.STRING;
        }

        /** Forces the plain layout (e.g. for unique id columns). */
        public Strings plainOnly() {
            allowDictionary = false;
            return this;
        }

        /** False when {@link #plainOnly()} was called. */
        public boolean dictionaryAllowed() {
            return allowDictionary;
        }

        public void append(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            appendBytes(b, 0, b.length);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof CharSequence cs) {
                append(cs.toString());
            } else {
                throw wrongType(v, "a string");
            }
        }

        @Override
        public StringColumn build() {
            long[] n = Nulls.finish(nulls, size);
            Utf8Column plain = new Utf8Column(data, offsets, size, n);
            if (allowDictionary) {
                StringColumn dict = Dictionaries.tryEncode(plain);
                if (dict != null) {
                    return dict;
                }
            }
            if (data.length - used > 1024 && data.length - used > used / 8) {
                return new Utf8Column(Arrays.copyOf(data, used), Arrays.copyOf(offsets, size + 1), size, n);
            }
            return plain;
        }
    }

    /** BLOB. */
    public static final class Blobs extends Binaries {
        Blobs(int cap) {
            super(cap);
        }

        @Override
        public ScalarType type() {
            return ScalarType.BLOB;
        }

        public void append(byte[] b) {
            appendBytes(b, 0, b.length);
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof byte[] b) {
                append(b);
            } else {
                throw wrongType(v, "a byte[]");
            }
        }

        @Override
        public BlobColumn build() {
            return new BlobColumn(Arrays.copyOf(data, used), Arrays.copyOf(offsets, size + 1), size, Nulls.finish(nulls, size));
        }
    }

    /** VECTOR(dim). */
    public static final class Vectors extends ColumnBuilder {
        private final VectorType type;
        private float[] values;

        Vectors(VectorType type, int cap) {
            this.type = type;
            this.values = new float[Math.multiplyExact(Math.min(cap, 1 << 16), type.dim())];
        }

        @Override
        public VectorType type() {
            return type;
        }

        private void ensure() {
            int d = type.dim();
            if ((long) (size + 1) * d > values.length) {
                long want = Math.max((long) (size + 1) * d, (long) values.length + (values.length >> 1) + d);
                values = Arrays.copyOf(values, Math.toIntExact(want));
            }
        }

        public void append(float[] v) {
            append(v, 0);
        }

        /** Appends {@code dim} floats of {@code src} starting at {@code offset}. */
        public void append(float[] src, int offset) {
            ensure();
            System.arraycopy(src, offset, values, size * type.dim(), type.dim());
            size++;
        }

        /** Appends {@code dim} little-endian floats from a buffer (position advances). */
        public void appendLittleEndian(java.nio.ByteBuffer le) {
            ensure();
            le.order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, size * type.dim(), type.dim());
            le.position(le.position() + 4 * type.dim());
            size++;
        }

        /** Room for the next vector; write {@code dim} floats at {@link #nextOffset()} then call {@link #commitNext()}. */
        public float[] reserveNext() {
            ensure();
            return values;
        }

        public int nextOffset() {
            return size * type.dim();
        }

        public void commitNext() {
            size++;
        }

        @Override
        public void appendNull() {
            ensure();
            markNull();
            size++;
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
            } else if (v instanceof float[] f) {
                if (f.length != type.dim()) {
                    throw new IllegalArgumentException("vector must have " + type.dim() + " values, got " + f.length);
                }
                append(f);
            } else if (v instanceof Collection<?> c) {
                if (c.size() != type.dim()) {
                    throw new IllegalArgumentException("vector must have " + type.dim() + " values, got " + c.size());
                }
                float[] f = new float[c.size()];
                int i = 0;
                for (Object o : c) {
                    if (!(o instanceof Number n)) {
                        throw new IllegalArgumentException("vector elements must be numbers");
                    }
                    f[i++] = n.floatValue();
                }
                append(f);
            } else {
                throw wrongType(v, "a float[]");
            }
        }

        @Override
        public VectorColumn build() {
            int n = size * type.dim();
            return new VectorColumn(type, values.length == n ? values : Arrays.copyOf(values, n), size, Nulls.finish(nulls, size));
        }
    }

    /** LIST of scalars: {@link #startList()}, append to {@link #elements()}, {@link #endList()}; or appendValue(List). */
    public static final class Lists extends ColumnBuilder {
        private final ListType type;
        private final ColumnBuilder elements;
        private int[] offsets;
        private boolean open;

        Lists(ListType type, int cap) {
            this.type = type;
            this.elements = forType(type.element(), cap * 2);
            this.offsets = new int[cap + 1];
        }

        @Override
        public ListType type() {
            return type;
        }

        public ColumnBuilder elements() {
            return elements;
        }

        public void startList() {
            if (open) {
                throw new IllegalStateException("list already open");
            }
            open = true;
        }

        public void endList() {
            if (!open) {
                throw new IllegalStateException("no open list");
            }
            open = false;
            if (size + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, grow(offsets.length, size + 2));
            }
            offsets[++size] = elements.size();
        }

        @Override
        public void appendNull() {
            markNull();
            startList();
            endList();
        }

        @Override
        public void appendValue(Object v) {
            if (v == null) {
                appendNull();
                return;
            }
            if (!(v instanceof Collection<?> c)) {
                throw wrongType(v, "a List");
            }
            startList();
            for (Object e : c) {
                if (e == null) {
                    throw new IllegalArgumentException("list elements must not be null");
                }
                elements.appendValue(e);
            }
            endList();
        }

        @Override
        public ListColumn build() {
            return new ListColumn(type, Arrays.copyOf(offsets, size + 1), elements.build(), size, Nulls.finish(nulls, size));
        }
    }
}
