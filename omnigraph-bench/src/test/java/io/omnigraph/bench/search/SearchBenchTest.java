package io.omnigraph.bench.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The search benchmark end to end on a small graph (the full 100K x 384 run is manual, see docs/benchmarks.md). */
class SearchBenchTest {
    @TempDir
    Path dir;

    @Test
    void smallRunMeasuresLatencyAndRecall() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SearchBench.Report r = SearchBench.run(new SearchBench.Options(4500, 8, 40, 0.6, 10, 2, 11, Optional.of(dir), true),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(r.recallAt10()).isGreaterThanOrEqualTo(0.9).isLessThanOrEqualTo(1.0);
        assertThat(r.nearestIndexed().p50()).isPositive();
        assertThat(r.nearestExact().p95()).isGreaterThanOrEqualTo(r.nearestExact().p50());
        assertThat(r.bm25().p50()).isPositive();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("recall@10").contains("bm25 limit 10")
                .contains("optimize (build + persist").contains("load the persisted HNSW index");
    }
}
