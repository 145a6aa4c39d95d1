package io.omnigraph.engine.segment;

import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.VectorType;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves interop: segments are plain Parquet that parquet-java's generic example reader (ParquetFileReader +
 * ColumnIOFactory + GroupRecordConverter — none of our converters) reads, with field ids and logical types intact.
 */
class IndependentReaderInteropTest {

    @Test
    void parquetJavaGroupReaderReadsOurSegment() throws Exception {
        TableSchema schema = TableSchema.edge("knows", "Knows", List.of(
                ColumnSpec.of("since", 7, ScalarType.DATE, true),
                ColumnSpec.of("tags", 8, new ListType(ScalarType.STRING), true),
                ColumnSpec.of("emb", 9, new VectorType(2), false)));
        TableData data = new TableDataBuilder(schema)
                .appendRow("e1", "a", "b", 20000, List.of("x", "y"), new float[]{0.5f, -1f})
                .appendRow("e2", "b", "c", null, null, new float[]{2f, 3f})
                .build();
        for (VectorEncoding enc : VectorEncoding.values()) {
            byte[] bytes = new SegmentCodec(enc, true, 1).encodeData(data);
            ParquetReadOptions opts = ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(ZstdCodecFactory.INSTANCE).build();
            try (ParquetFileReader r = ParquetFileReader.open(new ByteArrayInputFile(bytes), opts)) {
                MessageType s = r.getFileMetaData().getSchema();
                assertThat(s.getType("id").getId().intValue()).isEqualTo(ColumnSpec.ID_FIELD);
                assertThat(s.getType("src").getId().intValue()).isEqualTo(ColumnSpec.SRC_FIELD);
                assertThat(s.getType("since").getId().intValue()).isEqualTo(7);
                assertThat(s.getType("since").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
                assertThat(s.getType("tags").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.listType());
                assertThat(r.getFileMetaData().getKeyValueMetaData()).containsEntry(SegmentCodec.META_SEGMENT_KIND, "data")
                        .containsEntry(SegmentCodec.META_TABLE_KEY, "knows");
                assertThat(r.getRowGroups().get(0).getColumns().get(0).getCodec().name()).isEqualTo("ZSTD");
                MessageColumnIO io = new ColumnIOFactory().getColumnIO(s);
                List<Group> rows = new ArrayList<>();
                PageReadStore pages;
                while ((pages = r.readNextRowGroup()) != null) {
                    RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(s));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(rr.read());
                    }
                }
                assertThat(rows).hasSize(2);
                Group first = rows.get(0);
                assertThat(first.getString("id", 0)).isEqualTo("e1");
                assertThat(first.getString("dst", 0)).isEqualTo("b");
                assertThat(first.getInteger("since", 0)).isEqualTo(20000);
                Group tags = first.getGroup("tags", 0);
                assertThat(tags.getFieldRepetitionCount("list")).isEqualTo(2);
                assertThat(tags.getGroup("list", 1).getString("element", 0)).isEqualTo("y");
                assertThat(rows.get(1).getFieldRepetitionCount("since")).isZero();
                assertThat(rows.get(1).getFieldRepetitionCount("tags")).isZero();
                float[] emb = new float[2];
                if (enc == VectorEncoding.FIXED_BYTES) {
                    ByteBuffer bb = first.getBinary("emb", 0).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    emb[0] = bb.getFloat();
                    emb[1] = bb.getFloat();
                } else {
                    Group list = first.getGroup("emb", 0);
                    emb[0] = list.getGroup("list", 0).getFloat("element", 0);
                    emb[1] = list.getGroup("list", 1).getFloat("element", 0);
                }
                assertThat(emb).containsExactly(0.5f, -1f);
            }
        }
    }
}
