package io.omnigraph.engine.segment;

import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.PhysicalType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.Column;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Column-at-a-time decoding of Parquet column chunks straight into {@link ColumnBuilder}s, with no per-row objects
 * (values go from the page decoder to primitive arrays / the UTF-8 arena).
 */
final class SegmentReader {
    private SegmentReader() {
    }

    static ParquetReadOptions options() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ZstdCodecFactory.INSTANCE)
                .useStatsFilter(false)
                .useDictionaryFilter(false)
                .useRecordFilter(false)
                .useColumnIndexFilter(false)
                .useBloomFilter(false)
                .build();
    }

    static ParquetFileReader open(byte[] bytes) throws IOException {
        return ParquetFileReader.open(new ByteArrayInputFile(bytes), options());
    }

    /** Decodes the given top-level fields (parallel arrays) into their builders, reading every row group. */
    static List<Column> decode(ParquetFileReader reader, List<Type> fields, List<ColumnBuilder> builders) throws IOException {
        MessageType projection = new MessageType(ParquetSchemas.MESSAGE_NAME, fields);
        reader.setRequestedSchema(projection);
        String createdBy = reader.getFileMetaData().getCreatedBy();
        DictCapture[] captures = new DictCapture[fields.size()];
        GroupConverter noop = noopConverter(projection, captures);
        List<ColumnDescriptor> descriptors = projection.getColumns();
        DictAccumulator[] dict = new DictAccumulator[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            if (builders.get(i) instanceof ColumnBuilder.Strings s && s.dictionaryAllowed() && fields.get(i).isPrimitive()
                    && dictionaryOnly(reader.getRowGroups(), descriptors.get(i))) {
                dict[i] = new DictAccumulator((int) reader.getRecordCount());
            }
        }
        PageReadStore rowGroup;
        while ((rowGroup = reader.readNextRowGroup()) != null) {
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, noop, projection, createdBy);
            for (int i = 0; i < fields.size(); i++) {
                ColumnDescriptor d = descriptors.get(i); // one leaf per top-level field
                ColumnReader cr = store.getColumnReader(d);
                if (dict[i] != null) {
                    if (captures[i].dictionary == null) {
                        throw new IllegalStateException("column '" + fields.get(i).getName() + "' has no dictionary page");
                    }
                    dict[i].rowGroup(cr, captures[i].dictionary, d.getMaxDefinitionLevel());
                    captures[i].dictionary = null;
                } else {
                    decodeChunk(cr, d, ParquetSchemas.physicalType(fields.get(i)).orElseThrow(), builders.get(i));
                }
            }
        }
        List<Column> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            out.add(dict[i] != null ? dict[i].build() : builders.get(i).build());
        }
        return out;
    }

    /** True when every chunk of the column has a dictionary page and only dictionary-encoded data pages. */
    private static boolean dictionaryOnly(List<BlockMetaData> blocks, ColumnDescriptor d) {
        ColumnPath path = ColumnPath.get(d.getPath());
        for (BlockMetaData b : blocks) {
            boolean found = false;
            for (ColumnChunkMetaData c : b.getColumns()) {
                if (c.getPath().equals(path)) {
                    EncodingStats stats = c.getEncodingStats();
                    if (stats == null || !stats.hasDictionaryPages() || stats.hasNonDictionaryEncodedPages()) {
                        return false;
                    }
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** A leaf converter that only keeps the dictionary the column reader hands it. */
    static final class DictCapture extends PrimitiveConverter {
        Dictionary dictionary;

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
        }
    }

    static void decodeChunk(ColumnReader cr, ColumnDescriptor d, PhysicalType stored, ColumnBuilder b) {
        long n = cr.getTotalValueCount();
        int maxDef = d.getMaxDefinitionLevel();
        if (d.getMaxRepetitionLevel() == 0) {
            decodeFlat(cr, n, maxDef, stored, b);
        } else if (b instanceof ColumnBuilder.Vectors vb) {
            decodeVectorList(cr, n, maxDef, vb);
        } else {
            decodeList(cr, n, maxDef, (ColumnBuilder.Lists) b);
        }
    }

    private static void decodeFlat(ColumnReader cr, long n, int maxDef, PhysicalType stored, ColumnBuilder b) {
        switch (b) {
            case ColumnBuilder.Strings s -> {
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.appendBuffer(cr.getBinary().toByteBuffer());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Blobs s -> {
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.appendBuffer(cr.getBinary().toByteBuffer());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Ints s -> {
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.append(cr.getInteger());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Longs s -> {
                boolean fromInt = stored instanceof ScalarType st && st.isIntBacked();
                boolean unsigned = stored == ScalarType.U32;
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.append(fromInt ? (unsigned ? Integer.toUnsignedLong(cr.getInteger()) : cr.getInteger()) : cr.getLong());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Floats s -> {
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.append(cr.getFloat());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Doubles s -> {
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.append(stored == ScalarType.F32 ? cr.getFloat() : stored == ScalarType.I32 ? cr.getInteger() : cr.getDouble());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Bools s -> {
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        s.append(cr.getBoolean());
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Vectors s -> {
                int bytes = 4 * s.type().dim();
                for (long i = 0; i < n; i++) {
                    if (cr.getCurrentDefinitionLevel() == maxDef) {
                        ByteBuffer bb = cr.getBinary().toByteBuffer();
                        if (bb.remaining() != bytes) {
                            throw new IllegalStateException("vector value has " + bb.remaining() + " bytes, expected " + bytes);
                        }
                        s.appendLittleEndian(bb.order(ByteOrder.LITTLE_ENDIAN));
                    } else {
                        s.appendNull();
                    }
                    cr.consume();
                }
            }
            case ColumnBuilder.Lists s -> throw new IllegalStateException("list column stored without repetition");
        }
    }

    private static void decodeVectorList(ColumnReader cr, long n, int maxDef, ColumnBuilder.Vectors vb) {
        int dim = vb.type().dim();
        int listDef = maxDef - 1;
        float[] values = null;
        int base = 0;
        int count = -1; // -1: no open row
        for (long i = 0; i < n; i++) {
            int rep = cr.getCurrentRepetitionLevel();
            int def = cr.getCurrentDefinitionLevel();
            if (rep == 0) {
                if (count >= 0) {
                    finishVector(vb, count, dim);
                }
                count = -1;
                if (def < listDef) {
                    vb.appendNull();
                } else {
                    values = vb.reserveNext();
                    base = vb.nextOffset();
                    count = 0;
                }
            }
            if (def == maxDef) {
                if (count >= dim) {
                    throw new IllegalStateException("vector has more than " + dim + " values");
                }
                values[base + count++] = cr.getFloat();
            }
            cr.consume();
        }
        if (count >= 0) {
            finishVector(vb, count, dim);
        }
    }

    private static void finishVector(ColumnBuilder.Vectors vb, int count, int dim) {
        if (count != dim) {
            throw new IllegalStateException("vector has " + count + " values, expected " + dim);
        }
        vb.commitNext();
    }

    private static void decodeList(ColumnReader cr, long n, int maxDef, ColumnBuilder.Lists lb) {
        int listDef = maxDef - 1;
        ColumnBuilder e = lb.elements();
        boolean open = false;
        PrimitiveTypeName ptn = cr.getDescriptor().getPrimitiveType().getPrimitiveTypeName();
        for (long i = 0; i < n; i++) {
            int rep = cr.getCurrentRepetitionLevel();
            int def = cr.getCurrentDefinitionLevel();
            if (rep == 0) {
                if (open) {
                    lb.endList();
                    open = false;
                }
                if (def < listDef) {
                    lb.appendNull();
                } else {
                    lb.startList();
                    open = true;
                }
            }
            if (def == maxDef) {
                switch (e) {
                    case ColumnBuilder.Strings s -> s.appendBuffer(cr.getBinary().toByteBuffer());
                    case ColumnBuilder.Ints s -> s.append(cr.getInteger());
                    case ColumnBuilder.Longs s -> s.append(ptn == PrimitiveTypeName.INT32 ? cr.getInteger() : cr.getLong());
                    case ColumnBuilder.Floats s -> s.append(cr.getFloat());
                    case ColumnBuilder.Doubles s -> s.append(ptn == PrimitiveTypeName.FLOAT ? cr.getFloat() : cr.getDouble());
                    case ColumnBuilder.Bools s -> s.append(cr.getBoolean());
                    default -> throw new IllegalStateException("unsupported list element " + e.type().text());
                }
            }
            cr.consume();
        }
        if (open) {
            lb.endList();
        }
    }

    /** Builder for a requested column ({@code id} columns never use a dictionary). */
    static ColumnBuilder builderFor(ColumnSpec spec, int capacity) {
        ColumnBuilder b = ColumnBuilder.forType(spec.type(), capacity);
        if (spec.fieldId() == ColumnSpec.ID_FIELD && b instanceof ColumnBuilder.Strings s) {
            s.plainOnly();
        }
        return b;
    }

    private static GroupConverter noopConverter(GroupType type, DictCapture[] topLevel) {
        Converter[] children = new Converter[type.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            Type t = type.getType(i);
            if (t.isPrimitive() && topLevel != null) {
                topLevel[i] = new DictCapture();
                children[i] = topLevel[i];
            } else {
                children[i] = t.isPrimitive() ? new PrimitiveConverter() {
                } : noopConverter(t.asGroupType(), null);
            }
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {
            }

            @Override
            public void end() {
            }
        };
    }
}
