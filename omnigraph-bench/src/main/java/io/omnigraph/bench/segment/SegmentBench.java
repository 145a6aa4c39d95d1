package io.omnigraph.bench.segment;

import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.segment.VectorEncoding;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.VectorType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Segment write/read throughput: a 100K-row property table (id, name, age, score, joined, tags) and a 100K × 384-d
 * vector table, for both vector encodings, read sequentially and with parallel column decoding.
 * Run: {@code java -cp <classpath> org.openjdk.jmh.Main SegmentBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--sun-misc-unsafe-memory-access=allow"})
public class SegmentBench {

    @Param({"properties", "vectors384"})
    public String table;

    @Param({"FIXED_BYTES", "FLOAT_LIST"})
    public VectorEncoding encoding;

    @Param({"100000"})
    public int rows;

    TableSchema schema;
    TableData data;
    SegmentCodec codec;
    byte[] bytes;
    ExecutorService pool;

    public static TableSchema propertiesSchema() {
        return TableSchema.node("person", "Person", List.of(
                ColumnSpec.of("name", 1, ScalarType.STRING, false),
                ColumnSpec.of("age", 2, ScalarType.I32, true),
                ColumnSpec.of("score", 3, ScalarType.F64, false),
                ColumnSpec.of("joined", 4, ScalarType.DATETIME, true),
                ColumnSpec.of("tags", 5, new ListType(ScalarType.STRING), true)));
    }

    public static TableSchema vectorSchema(int dim) {
        return TableSchema.node("doc", "Doc", List.of(ColumnSpec.of("embedding", 1, new VectorType(dim), false)));
    }

    public static TableData properties(int n, long seed) {
        Random r = new Random(seed);
        String[] first = {"Ann", "Bob", "Cy", "Dee", "Eve", "Finn", "Gus", "Hal", "Ida", "Jo"};
        String[] words = {"ai", "ops", "db", "ml", "web", "infra", "sec", "data"};
        TableDataBuilder b = new TableDataBuilder(propertiesSchema(), n);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(3);
            List<String> tags = k == 0 ? List.of() : k == 1 ? List.of(words[r.nextInt(8)]) : List.of(words[r.nextInt(8)], words[r.nextInt(8)]);
            b.appendRow("person-" + i, first[r.nextInt(10)] + " " + first[r.nextInt(10)], i % 17 == 0 ? null : r.nextInt(90),
                    r.nextDouble(), 1_700_000_000_000L + r.nextInt(1_000_000_000), tags);
        }
        return b.build();
    }

    public static TableData vectors(int n, int dim, long seed) {
        Random r = new Random(seed);
        TableDataBuilder b = new TableDataBuilder(vectorSchema(dim), n);
        float[] v = new float[dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                v[k] = r.nextFloat() * 2 - 1;
            }
            b.appendRow("doc-" + i, v.clone());
        }
        return b.build();
    }

    @Setup(Level.Trial)
    public void setup() {
        data = table.equals("properties") ? properties(rows, 42) : vectors(rows, 384, 42);
        schema = data.schema();
        codec = new SegmentCodec(encoding, true, 1);
        bytes = codec.encodeData(data);
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public byte[] write() {
        return codec.encodeData(data);
    }

    @Benchmark
    public TableData read() {
        return codec.decode("bench", bytes, schema, null).data();
    }

    @Benchmark
    public TableData readParallel() {
        return codec.decode("bench", bytes, schema, pool).data();
    }
}
