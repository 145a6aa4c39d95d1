package io.omnigraph.engine.segment;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.Utf8Column;
import io.omnigraph.engine.table.VectorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentCodecTest {

    static TableSchema allTypes() {
        return TableSchema.node("n1", "Everything", List.of(
                ColumnSpec.of("s", 1, ScalarType.STRING, true),
                ColumnSpec.of("b", 2, ScalarType.BOOL, true),
                ColumnSpec.of("i32", 3, ScalarType.I32, true),
                ColumnSpec.of("i64", 4, ScalarType.I64, true),
                ColumnSpec.of("u32", 5, ScalarType.U32, true),
                ColumnSpec.of("u64", 6, ScalarType.U64, true),
                ColumnSpec.of("f32", 7, ScalarType.F32, true),
                ColumnSpec.of("f64", 8, ScalarType.F64, true),
                ColumnSpec.of("d", 9, ScalarType.DATE, true),
                ColumnSpec.of("dt", 10, ScalarType.DATETIME, true),
                ColumnSpec.of("v", 11, new VectorType(3), true),
                ColumnSpec.of("blob", 12, ScalarType.BLOB, true),
                ColumnSpec.of("tags", 13, new ListType(ScalarType.STRING), true),
                ColumnSpec.of("nums", 14, new ListType(ScalarType.I64), true),
                ColumnSpec.of("flags", 15, new ListType(ScalarType.BOOL), false),
                ColumnSpec.of("req", 16, ScalarType.F64, false)));
    }

    static TableData sample(TableSchema schema) {
        TableDataBuilder b = new TableDataBuilder(schema);
        b.appendRow("a", "héllo", true, -5, Long.MIN_VALUE, 4_000_000_000L, -1L, 1.5f, 2.25d, 19000, 1_700_000_000_000L,
                new float[]{1f, 2f, 3f}, new byte[]{1, 2, 3}, List.of("x", "y"), List.of(1L, 2L, 3L), List.of(true, false), 0.5d);
        b.appendRow("b", null, null, null, null, null, null, null, null, null, null, null, null, null, null, List.of(), 1d);
        b.appendRow("c", "", false, Integer.MAX_VALUE, Long.MAX_VALUE, 0L, Long.MAX_VALUE, -0f, Double.NaN, -1, -1L,
                new float[]{-1f, 0f, Float.MAX_VALUE}, new byte[0], List.of(), List.of(), List.of(false), 2d);
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(VectorEncoding.class)
    void roundTripsEveryPhysicalTypeIncludingNullsAndEmpties(VectorEncoding enc) {
        SegmentCodec codec = new SegmentCodec(enc, true, 1);
        TableSchema schema = allTypes();
        TableData in = sample(schema);
        byte[] bytes = codec.encodeData(in);
        Segment seg = codec.decode("t", bytes, schema, null);
        assertThat(seg.kind()).isEqualTo(SegmentKind.DATA);
        TableData out = seg.data();
        assertThat(out.rowCount()).isEqualTo(3);
        for (int r = 0; r < 3; r++) {
            assertSameRow(out.row(r), in.row(r));
        }
        assertThat(out.row(1).get("s")).isNull();
        assertThat((byte[]) out.row(2).get("blob")).isEmpty();
        assertThat(out.row(1).get("blob")).isNull();
        assertThat(out.row(1).get("tags")).isNull();
        assertThat(out.row(2).get("tags")).isEqualTo(List.of());
        assertThat(out.row(0).get("u32")).isEqualTo(4_000_000_000L);
    }

    static void assertSameRow(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String k : expected.keySet()) {
            Object a = actual.get(k);
            Object e = expected.get(k);
            if (e instanceof float[] f) {
                assertThat((float[]) a).as(k).containsExactly(f);
            } else if (e instanceof byte[] by) {
                assertThat((byte[]) a).as(k).containsExactly(by);
            } else if (e instanceof Double d && d.isNaN()) {
                assertThat((Double) a).as(k).isNaN();
            } else {
                assertThat(a).as(k).isEqualTo(e);
            }
        }
    }

    @Test
    void emptyTableRoundTrips() {
        SegmentCodec codec = SegmentCodec.standard();
        TableSchema schema = allTypes();
        byte[] bytes = codec.encodeData(TableData.empty(schema));
        TableData out = codec.decode("t", bytes, schema, null).data();
        assertThat(out.rowCount()).isZero();
        assertThat(out.columns()).hasSize(schema.columns().size());
    }

    @Test
    void deleteSegmentsCarryIdsOnlyAndDeduplicate() {
        SegmentCodec codec = SegmentCodec.standard();
        TableSchema schema = allTypes();
        byte[] bytes = codec.encodeDelete(schema, List.of("a", "b", "a"));
        Segment seg = codec.decode("d", bytes, schema, null);
        assertThat(seg.kind()).isEqualTo(SegmentKind.DELETE);
        assertThat(seg.data().schema().columns()).containsExactly(ColumnSpec.id());
        assertThat(seg.rowCount()).isEqualTo(2);
        assertThat(List.of(seg.ids().getString(0), seg.ids().getString(1))).containsExactlyInAnyOrder("a", "b");
        assertThat(codec.inspect("d", bytes).kind()).isEqualTo(SegmentKind.DELETE);
    }

    @Test
    void aLargeEdgeSegmentChecksUniquenessDuringTheEncodeAndRoundTrips() {
        // past SegmentCodec.PARALLEL_ID_CHECK_ROWS the id check runs concurrently with the encode; id/src/dst are
        // written without statistics: the data still reads back exactly, and a duplicate still fails the call
        int n = SegmentCodec.PARALLEL_ID_CHECK_ROWS + 1000;
        TableSchema schema = TableSchema.edge("e", "E", List.of(ColumnSpec.of("w", 3, ScalarType.I32, true)));
        TableDataBuilder ok = new TableDataBuilder(schema, n);
        TableDataBuilder dup = new TableDataBuilder(schema, n);
        for (int r = 0; r < n; r++) {
            ok.appendRow("e" + r, "p" + (r % 5000), "p" + (r * 7 % 5000), r % 3 == 0 ? null : r);
            dup.appendRow(r == n - 10 ? "e17" : "e" + r, "p" + (r % 5000), "p" + (r * 7 % 5000), r);
        }
        SegmentCodec codec = SegmentCodec.standard();
        TableData in = ok.build();
        TableData out = codec.decode("e", codec.encodeData(in), schema, null).data();
        assertThat(out.rowCount()).isEqualTo(n);
        for (int r = 0; r < n; r += 997) {
            assertThat(out.row(r)).isEqualTo(in.row(r));
        }
        assertThat(out.row(n - 1)).isEqualTo(in.row(n - 1));
        TableData bad = dup.build();
        assertThatThrownBy(() -> codec.encodeData(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'e17' appears more than once");
    }

    @Test
    void duplicateIdsInADataSegmentAreRejected() {
        TableSchema schema = TableSchema.node("n", "N", List.of());
        TableData t = new TableDataBuilder(schema).appendRow("x").appendRow("x").build();
        assertThatThrownBy(() -> SegmentCodec.standard().encodeData(t)).hasMessageContaining("'x' appears more than once");
    }

    @Test
    void columnsResolveByFieldIdAcrossRenameAddAndDrop() {
        SegmentCodec codec = SegmentCodec.standard();
        TableSchema v1 = TableSchema.node("n", "Person", List.of(
                ColumnSpec.of("name", 1, ScalarType.STRING, false),
                ColumnSpec.of("age", 2, ScalarType.I32, true),
                ColumnSpec.of("old", 3, ScalarType.STRING, true)));
        TableData data = new TableDataBuilder(v1).appendRow("p1", "Ann", 31, "gone").appendRow("p2", "Bob", null, null).build();
        byte[] bytes = codec.encodeData(data);
        // v2: name renamed to full_name, age widened to i64, old dropped, email added
        TableSchema v2 = TableSchema.node("n", "Human", List.of(
                ColumnSpec.of("email", 4, ScalarType.STRING, true),
                ColumnSpec.of("full_name", 1, ScalarType.STRING, false),
                ColumnSpec.of("age", 2, ScalarType.I64, true)));
        TableData out = codec.decode("s", bytes, v2, null).data();
        assertThat(out.row(0)).containsEntry("full_name", "Ann").containsEntry("age", 31L).containsEntry("email", null)
                .doesNotContainKey("old");
        assertThat(out.row(1)).containsEntry("full_name", "Bob").containsEntry("age", null);
        TableSchema incompatible = TableSchema.node("n", "Person", List.of(ColumnSpec.of("name", 1, ScalarType.I32, true)));
        assertThatThrownBy(() -> codec.decode("seg-key", bytes, incompatible, null))
                .isInstanceOf(EngineException.Corrupt.class).hasMessageContaining("seg-key").hasMessageContaining("cannot be read as i32");
    }

    @Test
    void garbageBytesAreATypedCorruptError() {
        assertThatThrownBy(() -> SegmentCodec.standard().decode("segments/x/1.parquet", new byte[]{1, 2, 3}, allTypes(), null))
                .isInstanceOf(EngineException.Corrupt.class).hasMessageContaining("segments/x/1.parquet");
    }

    @Test
    void largeSegmentsDecodeInParallelToTheSameResultAndChooseDictionaries() throws Exception {
        TableSchema edge = TableSchema.edge("e", "Knows", List.of(
                ColumnSpec.of("since", 1, ScalarType.DATE, true),
                ColumnSpec.of("weight", 2, ScalarType.F64, false),
                ColumnSpec.of("emb", 3, new VectorType(8), true),
                ColumnSpec.of("tag", 4, ScalarType.STRING, true)));
        Random rnd = new Random(7);
        int n = 60_000;
        TableDataBuilder b = new TableDataBuilder(edge, n);
        for (int i = 0; i < n; i++) {
            float[] v = new float[8];
            for (int k = 0; k < 8; k++) {
                v[k] = rnd.nextFloat();
            }
            b.appendRow("e" + i, "p" + rnd.nextInt(2000), "p" + rnd.nextInt(2000), i % 7 == 0 ? null : i, rnd.nextDouble(),
                    i % 11 == 0 ? null : v, i % 13 == 0 ? null : "tag" + (i % 5));
        }
        TableData in = b.build();
        assertThat(in.column("src")).isInstanceOf(DictStringColumn.class);
        assertThat(in.column("id")).isInstanceOf(Utf8Column.class);
        byte[] bytes = SegmentCodec.standard().encodeData(in);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            TableData seq = SegmentCodec.standard().decode("x", bytes, edge, null).data();
            TableData par = SegmentCodec.standard().withParallelThreshold(1).decode("x", bytes, edge, pool).data();
            assertThat(par.column("src")).isInstanceOf(DictStringColumn.class);
            assertThat(seq.column("tag")).isInstanceOf(DictStringColumn.class);
            assertThat(((DictStringColumn) seq.column("tag")).dictionary().size()).isEqualTo(5);
            assertThat(seq.row(13).get("tag")).isNull();
            assertThat(seq.row(14).get("tag")).isEqualTo("tag4");
            for (int r : new int[]{0, 1, 7, 11, 77, n - 1}) {
                assertSameRow(seq.row(r), in.row(r));
                assertSameRow(par.row(r), in.row(r));
            }
            List<Object> all = new ArrayList<>();
            for (int r = 0; r < n; r += 997) {
                all.add(Arrays.asList(par.row(r).get("dst"), par.row(r).get("since")));
            }
            assertThat(all).hasSize((n + 996) / 997);
            assertThat(par.rowOf("e59999")).isEqualTo(n - 1);
        } finally {
            pool.shutdown();
        }
    }
}
