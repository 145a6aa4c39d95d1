package io.omnigraph.compiler.types;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A typed value as stored in a column, a parameter or a literal. The declared {@link PropType} is carried
 * separately (an {@link Int} is I32, I64, U32 or U64 depending on its column).
 *
 * <ul>
 *   <li>{@link Text} — String and enum values</li>
 *   <li>{@link Int} — every integer kind (range-checked on conversion)</li>
 *   <li>{@link Real} — F32 and F64 (an F32 value is a double exactly representable as a float)</li>
 *   <li>{@link Date} — days since 1970-01-01; {@link DateTime} — milliseconds since the epoch, UTC</li>
 *   <li>{@link Vector} — float32 components; {@link Blob} — bytes or an external URI; {@link Array} — list values</li>
 * </ul>
 */
public sealed interface Value {

    /** SQL-style NULL. */
    Null NULL = new Null();

    default boolean isNull() {
        return this instanceof Null;
    }

    record Null() implements Value {
        @Override
        public String toString() {
            return "null";
        }
    }

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record Int(long value) implements Value {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Real(double value) implements Value {
        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    record Date(int epochDay) implements Value {
        @Override
        public String toString() {
            return Dates.formatDate(epochDay);
        }
    }

    record DateTime(long epochMillis) implements Value {
        @Override
        public String toString() {
            return Dates.formatDateTime(epochMillis);
        }
    }

    /** A float32 vector. The array is copied in and out; equality is element-wise (bit patterns). */
    final class Vector implements Value {
        private final float[] values;

        public Vector(float[] values) {
            this.values = values.clone();
        }

        public float[] values() {
            return values.clone();
        }

        public int dimension() {
            return values.length;
        }

        public float get(int i) {
            return values[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** Blob content: inline bytes ({@code "base64:…"} on the wire) or an external URI. */
    sealed interface Blob extends Value permits BlobBytes, BlobUri {
    }

    final class BlobBytes implements Blob {
        private final byte[] bytes;

        public BlobBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlobBytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    record BlobUri(String uri) implements Blob {
        public BlobUri {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    /** A list value; items are never {@link Null}. */
    record Array(List<Value> items) implements Value {
        public Array {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    static Value text(String s) {
        return new Text(s);
    }

    static Value integer(long v) {
        return new Int(v);
    }

    static Value real(double v) {
        return new Real(v);
    }

    static Value bool(boolean v) {
        return new Bool(v);
    }
}
