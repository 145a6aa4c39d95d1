package io.omnigraph.engine.segment;

import io.omnigraph.engine.table.BlobColumn;
import io.omnigraph.engine.table.BoolColumn;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.DoubleColumn;
import io.omnigraph.engine.table.FloatColumn;
import io.omnigraph.engine.table.IntColumn;
import io.omnigraph.engine.table.ListColumn;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.Utf8Column;
import io.omnigraph.engine.table.VectorColumn;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/** Writes a {@link TableData} as one Parquet file (row-by-row through a {@link RecordConsumer}). */
final class SegmentWriter {
    private SegmentWriter() {
    }

    interface ValueWriter {
        void write(RecordConsumer rc, int row);
    }

    static byte[] write(TableData data, MessageType schema, Map<String, String> meta, VectorEncoding vectors,
                        CompressionCodecName codec) {
        TableSchema ts = data.schema();
        List<Column> cols = data.columns();
        ValueWriter[] writers = new ValueWriter[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            writers[i] = writerFor(cols.get(i), vectors);
        }
        long estimate = Math.min(data.estimatedBytes() / 2 + 4096, 512L << 20);
        ByteArrayOutputFile out = new ByteArrayOutputFile((int) estimate);
        Builder b = new Builder(out, new TableWriteSupport(data, schema, meta, writers))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ZstdCodecFactory.INSTANCE)
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(128L << 20)
                .withPageSize(4 << 20)
                // parquet's default 20,000-row page cap makes the first-page dictionary check fail for
                // high-cardinality repetitive columns (edge endpoints), disabling the dictionary for good
                .withPageRowCountLimit(1 << 20)
                .withDictionaryEncoding(true)
                .withDictionaryPageSize(8 << 20)
                .withValidation(false);
        for (int i = 0; i < cols.size(); i++) {
            String name = ts.columns().get(i).name();
            boolean unique = i == 0;
            if (unique || cols.get(i) instanceof VectorColumn || cols.get(i) instanceof BlobColumn) {
                b.withDictionaryEncoding(name, false);
            }
            // min/max statistics are read by nothing in OmniGraph (segments are read whole, resolved by field id);
            // on the structural columns (id, and an edge's src/dst: millions of values) the per-value comparisons
            // cost a large share of the encode, so they are off there; property columns keep them for other readers
            boolean structural = unique || (ts.kind() == io.omnigraph.engine.table.TableKind.EDGE && i <= 2);
            if (structural || cols.get(i) instanceof VectorColumn || cols.get(i) instanceof BlobColumn) {
                b.withStatisticsEnabled(name, false);
            }
            if (cols.get(i) instanceof VectorColumn && vectors == VectorEncoding.FIXED_BYTES) {
                // float32 embeddings are near-incompressible (zstd saves ~9% at 3-5x the read cost): store them raw
                b.withCompressionCodec(name, CompressionCodecName.UNCOMPRESSED);
            }
        }
        try (ParquetWriter<Integer> w = b.build()) {
            for (int r = 0; r < data.rowCount(); r++) {
                w.write(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing segment of table '" + ts.tableKey() + "' failed", e);
        }
        return out.toByteArray();
    }

    private static ValueWriter writerFor(Column c, VectorEncoding vectors) {
        return switch (c) {
            case IntColumn ic -> (rc, r) -> rc.addInteger(ic.getInt(r));
            case LongColumn lc -> (rc, r) -> rc.addLong(lc.getLong(r));
            case FloatColumn fc -> (rc, r) -> rc.addFloat(fc.getFloat(r));
            case DoubleColumn dc -> (rc, r) -> rc.addDouble(dc.getDouble(r));
            case BoolColumn bc -> (rc, r) -> rc.addBoolean(bc.getBoolean(r));
            case StringColumn sc -> stringWriter(sc);
            case BlobColumn bc -> (rc, r) -> rc.addBinary(Binary.fromConstantByteArray(bc.rawData(), bc.start(r), bc.length(r)));
            case VectorColumn vc -> vectors == VectorEncoding.FIXED_BYTES ? (rc, r) -> {
                int d = vc.dim();
                ByteBuffer bb = ByteBuffer.allocate(4 * d).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(vc.rawValues(), r * d, d);
                rc.addBinary(Binary.fromConstantByteArray(bb.array()));
            } : (rc, r) -> {
                int d = vc.dim();
                float[] v = vc.rawValues();
                rc.startGroup();
                rc.startField("list", 0);
                for (int i = r * d, end = r * d + d; i < end; i++) {
                    rc.startGroup();
                    rc.startField("element", 0);
                    rc.addFloat(v[i]);
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                rc.endField("list", 0);
                rc.endGroup();
            };
            case ListColumn lc -> {
                ValueWriter element = writerFor(lc.elements(), vectors);
                yield (rc, r) -> {
                    rc.startGroup();
                    int s = lc.start(r);
                    int e = lc.end(r);
                    if (e > s) {
                        rc.startField("list", 0);
                        for (int i = s; i < e; i++) {
                            rc.startGroup();
                            rc.startField("element", 0);
                            element.write(rc, i);
                            rc.endField("element", 0);
                            rc.endGroup();
                        }
                        rc.endField("list", 0);
                    }
                    rc.endGroup();
                };
            }
        };
    }

    private static ValueWriter stringWriter(StringColumn sc) {
        return switch (sc) {
            case Utf8Column u -> (rc, r) -> rc.addBinary(Binary.fromConstantByteArray(u.rawData(), u.start(r), u.end(r) - u.start(r)));
            case DictStringColumn d -> {
                Utf8Column dict = d.dictionary();
                Binary[] values = new Binary[dict.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Binary.fromConstantByteArray(dict.rawData(), dict.start(i), dict.end(i) - dict.start(i));
                }
                yield (rc, r) -> rc.addBinary(values[d.code(r)]);
            }
        };
    }

    static final class TableWriteSupport extends WriteSupport<Integer> {
        private final TableData data;
        private final MessageType schema;
        private final Map<String, String> meta;
        private final ValueWriter[] writers;
        private final String[] names;
        private final Column[] columns;
        /** False for columns without nulls: their rows need no null check. */
        private final boolean[] nullable;
        private RecordConsumer rc;

        TableWriteSupport(TableData data, MessageType schema, Map<String, String> meta, ValueWriter[] writers) {
            this.data = data;
            this.schema = schema;
            this.meta = meta;
            this.writers = writers;
            this.names = data.schema().columns().stream().map(c -> c.name()).toArray(String[]::new);
            this.columns = data.columns().toArray(new Column[0]);
            this.nullable = new boolean[columns.length];
            for (int i = 0; i < columns.length; i++) {
                nullable[i] = columns[i].hasNulls();
            }
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            throw new UnsupportedOperationException("Hadoop configuration is not used");
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, meta);
        }

        @Override
        public String getName() {
            return "omnigraph";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.rc = recordConsumer;
        }

        @Override
        public void write(Integer boxedRow) {
            int row = boxedRow;
            rc.startMessage();
            Column[] cols = columns;
            for (int i = 0; i < writers.length; i++) {
                if (nullable[i] && cols[i].isNull(row)) {
                    continue;
                }
                rc.startField(names[i], i);
                writers[i].write(rc, row);
                rc.endField(names[i], i);
            }
            rc.endMessage();
        }
    }

    static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final WriteSupport<Integer> support;

        Builder(OutputFile file, WriteSupport<Integer> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            throw new UnsupportedOperationException("Hadoop configuration is not used");
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
