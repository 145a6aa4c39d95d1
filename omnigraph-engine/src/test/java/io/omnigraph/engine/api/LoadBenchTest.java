package io.omnigraph.engine.api;

import io.omnigraph.engine.load.LoadMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static io.omnigraph.engine.api.TestGraph.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk-load throughput on the benchmark social graph: 100,000 {@code Person} + 2,400,000 {@code Follows} edges
 * (run with {@code -Dtest=LoadBenchTest -Dsurefire.excludedGroups=}). Prints the measured times.
 */
@Tag("bench")
class LoadBenchTest {
    @TempDir
    Path dir;

    @Test
    void socialGraphBulkLoad() throws IOException {
        int persons = Integer.getInteger("bench.persons", 100_000);
        int follows = Integer.getInteger("bench.follows", 2_400_000);
        Path nodes = dir.resolve("persons.jsonl");
        Path edges = dir.resolve("follows.jsonl");
        SplittableRandom rnd = new SplittableRandom(42);
        String[] cities = {"Berlin", "Paris", "Lisbon", "Oslo", "Rome", "Vienna", "Prague", "Madrid"};
        try (BufferedWriter w = Files.newBufferedWriter(nodes)) {
            for (int i = 0; i < persons; i++) {
                w.write("{\"type\":\"Person\",\"data\":{\"name\":\"p" + i + "\",\"age\":" + (18 + rnd.nextInt(60))
                        + ",\"city\":\"" + cities[rnd.nextInt(cities.length)] + "\"}}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(edges)) {
            for (int i = 0; i < follows; i++) {
                w.write("{\"edge\":\"Follows\",\"from\":\"p" + rnd.nextInt(persons) + "\",\"to\":\"p" + rnd.nextInt(persons)
                        + "\",\"data\":{\"since\":" + (18000 + rnd.nextInt(2000)) + "}}\n");
            }
        }
        String schema = "node Person { name: String @key  age: I32?  city: String? }\nedge Follows: Person -> Person { since: Date? }\n";
        Path root = dir.resolve("social.omni");
        Files.createDirectories(root);
        try (Graph g = OmniGraph.init(root.toString(), schema, InitOptions.defaults())) {
            long t0 = System.nanoTime();
            LoadResult n = load(g, nodes);
            long t1 = System.nanoTime();
            LoadResult e = load(g, edges);
            long t2 = System.nanoTime();
            assertThat(n.totalEntities()).isEqualTo(persons);
            assertThat(e.totalEntities()).isEqualTo(follows);
            System.out.printf("BENCH load persons: %d rows, %.0f MiB, %.2f s (%.0f rows/s)%n", persons,
                    Files.size(nodes) / 1048576.0, (t1 - t0) / 1e9, persons / ((t1 - t0) / 1e9));
            System.out.printf("BENCH load follows: %d rows, %.0f MiB, %.2f s (%.0f rows/s)%n", follows,
                    Files.size(edges) / 1048576.0, (t2 - t1) / 1e9, follows / ((t2 - t1) / 1e9));
            long t3 = System.nanoTime();
            SnapshotInfo s = g.snapshot(NOBODY, "main");
            System.out.printf("BENCH snapshot after load: %.2f s, %s%n", (System.nanoTime() - t3) / 1e9, s.datasets());
        }
    }

    private static LoadResult load(Graph g, Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long t0 = System.nanoTime();
            io.omnigraph.engine.load.LoadProgress phases = new io.omnigraph.engine.load.LoadProgress() {
                @Override
                public void phase(String phase) {
                    System.out.printf("BENCH   %s at %.2f s%n", phase, (System.nanoTime() - t0) / 1e9);
                }
            };
            return g.load(NOBODY, LoadRequest.of(in, "main", LoadMode.APPEND).withProgress(phases));
        }
    }
}
