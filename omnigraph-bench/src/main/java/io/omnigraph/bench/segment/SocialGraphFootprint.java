package io.omnigraph.bench.segment;

import io.omnigraph.engine.format.Entropy;
import io.omnigraph.engine.format.UlidGenerator;
import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Memory and segment round-trip of the benchmark social graph (100K Person nodes, 2.4M Knows edges with ULID ids).
 * Run with {@code -Xmx2g}: prints heap retained by the decoded tables (after GC) and encode/decode times.
 */
public final class SocialGraphFootprint {
    private SocialGraphFootprint() {
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) {
        int persons = 100_000;
        int edges = 2_400_000;
        Random r = new Random(1);
        TableSchema person = TableSchema.node("person", "Person", List.of(
                ColumnSpec.of("name", 1, ScalarType.STRING, false),
                ColumnSpec.of("age", 2, ScalarType.I32, true),
                ColumnSpec.of("city", 3, ScalarType.STRING, true)));
        TableSchema knows = TableSchema.edge("knows", "Knows", List.of(ColumnSpec.of("since", 4, ScalarType.DATE, true)));
        long base = usedAfterGc();
        TableDataBuilder pb = new TableDataBuilder(person, persons);
        String[] cities = {"Berlin", "Paris", "Rome", "Oslo", "Lima", "Kyiv", "Quito", "Seoul"};
        for (int i = 0; i < persons; i++) {
            pb.appendRow("person:" + i, "Person " + i, 18 + r.nextInt(60), cities[r.nextInt(cities.length)]);
        }
        TableData people = pb.build();
        UlidGenerator ulids = new UlidGenerator(() -> 1_763_000_000_000_000L + r.nextInt(1000) * 1000L, Entropy.seeded(2));
        TableDataBuilder eb = new TableDataBuilder(knows, edges);
        ColumnBuilder.Strings id = (ColumnBuilder.Strings) eb.column(0);
        ColumnBuilder.Strings src = (ColumnBuilder.Strings) eb.column(1);
        ColumnBuilder.Strings dst = (ColumnBuilder.Strings) eb.column(2);
        ColumnBuilder.Ints since = (ColumnBuilder.Ints) eb.column(3);
        for (int i = 0; i < edges; i++) {
            id.append(ulids.next());
            src.append("person:" + r.nextInt(persons));
            dst.append("person:" + r.nextInt(persons));
            since.append(18_000 + r.nextInt(2_000));
        }
        TableData knowsData = eb.build();
        eb = null;
        id = null;
        src = null;
        dst = null;
        since = null;
        knowsData.idIndex();
        people.idIndex();
        long used = usedAfterGc() - base;
        System.out.printf("tables in memory: %.1f MiB retained (estimate: person %.1f MiB, knows %.1f MiB; src layout %s)%n",
                used / 1048576.0, people.estimatedBytes() / 1048576.0, knowsData.estimatedBytes() / 1048576.0,
                knowsData.column("src").getClass().getSimpleName());
        SegmentCodec codec = SegmentCodec.standard();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        byte[] bytes = null;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            bytes = codec.encodeData(knowsData);
            System.out.printf("encode knows: %.1f MiB in %d ms%n", bytes.length / 1048576.0, (System.nanoTime() - t0) / 1_000_000);
        }
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            codec.decode("knows", bytes, knows, null);
            long t1 = System.nanoTime();
            codec.decode("knows", bytes, knows, pool);
            long t2 = System.nanoTime();
            codec.decode("knows", bytes, knows.idsOnly(), null);
            long t3 = System.nanoTime();
            System.out.printf("decode knows: sequential %d ms, parallel columns %d ms, ids only %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
        pool.shutdown();
    }
}
