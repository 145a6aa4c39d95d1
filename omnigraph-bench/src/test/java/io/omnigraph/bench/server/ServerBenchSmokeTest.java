package io.omnigraph.bench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server benchmark's harness works end to end: a short run per workload, zero errors. */
class ServerBenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void shortRunsWithoutErrors() throws Exception {
        try (DemoCluster demo = DemoCluster.start(tmp.resolve("company-brain"))) {
            for (ServerBench.Workload w : ServerBench.workloads(demo)) {
                HttpLoad.Result r = HttpLoad.run(w.name(), demo.host(), demo.port(), w.requests(), 4,
                        Duration.ofMillis(200), Duration.ofMillis(800), 200);
                assertThat(r.errors()).as(w.name() + " " + r.sampleErrors()).isZero();
                assertThat(r.requests()).as(w.name()).isGreaterThan(10);
                assertThat(r.p99Micros()).isGreaterThanOrEqualTo(r.p50Micros());
            }
        }
    }
}
