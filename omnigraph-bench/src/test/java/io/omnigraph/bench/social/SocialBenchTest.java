package io.omnigraph.bench.social;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The social benchmark on a tiny generated graph (default build): generation is deterministic, the nine queries run
 * through the engine facade, and the answers of Q1, Q5, Q8 and Q9 match values computed directly from the generator's
 * arrays.
 */
class SocialBenchTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tinyGraphAnswersMatchTheGeneratorArrays() throws IOException {
        SocialGraph.Data d = SocialGraph.generate(SocialGraph.Params.tiny());
        StringWriter w = new StringWriter();
        SocialGraph.writeNdjson(d, w);
        StringWriter again = new StringWriter();
        SocialGraph.writeNdjson(SocialGraph.generate(SocialGraph.Params.tiny()), again);
        assertThat(again.toString()).isEqualTo(w.toString());
        try (Graph g = OmniGraph.init(new InMemoryObjectStore(), SocialGraph.SCHEMA, InitOptions.defaults())) {
            g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)),
                    "main", LoadMode.OVERWRITE));
            int n = d.names().length;
            long[] in = new long[n];
            long[] out = new long[n];
            for (int e = 0; e < d.follows(); e++) {
                in[d.followDst()[e]]++;
                out[d.followSrc()[e]]++;
            }
            long paths = 0;
            long filtered = 0;
            long[] olderThan25 = new long[n];
            for (int e = 0; e < d.follows(); e++) {
                if (d.ages()[d.followDst()[e]] > 25) {
                    olderThan25[d.followSrc()[e]]++;
                }
            }
            for (int e = 0; e < d.follows(); e++) {
                int b = d.followDst()[e];
                paths += out[b];
                if (d.ages()[b] < 50) {
                    filtered += olderThan25[b];
                }
            }
            long[] sortedIn = in.clone();
            Arrays.sort(sortedIn);
            long men = 0;
            for (int i = 0; i < n; i++) {
                boolean fineDining = Arrays.stream(d.interests()[i]).anyMatch(x -> x == 0);
                if (d.male()[i] && d.livesIn()[i] == 0 && fineDining) {
                    men++;
                }
            }
            assertThat(one(g, "two_hop_paths", "{}", "numPaths")).isEqualTo(paths);
            assertThat(one(g, "filtered_two_hop_paths", "{\"age1\":50,\"age2\":25}", "numPaths")).isEqualTo(filtered);
            assertThat(one(g, "london_fine_dining_men", SocialBench.QUERIES.get(4).params(), "numPersons")).isEqualTo(men);
            QueryResult top = query(g, "top_followed", "{}");
            assertThat(top.rows()).hasSize(3);
            for (int k = 0; k < 3; k++) {
                assertThat(((io.omnigraph.compiler.types.Value.Int) top.rows().get(k).get(2)).value())
                        .isEqualTo(sortedIn[n - 1 - k]);
            }
            ReadView view = g.read(Optional.empty(), ReadTarget.branch("main"));
            SnapshotGraph sg = new SnapshotGraph(view.snapshot(), view.schema(), g.indexes());
            List<SocialBench.Timing> timings = SocialBench.run(g, sg, List.of(), 3, 1, IndexMode.AUTO);
            assertThat(timings).hasSize(9).allSatisfy(t -> assertThat(t.medianMs()).isPositive());
            assertThat(SocialBench.table(timings, 3, 1)).contains("| Q8 2-hop path count | 1 |");
        }
    }

    static QueryResult query(Graph g, String name, String params) throws IOException {
        return g.query(Optional.empty(), QueryRequest.of(SocialBench.queries()).named(name).withParams(JSON.readTree(params)));
    }

    static long one(Graph g, String name, String params, String column) throws IOException {
        QueryResult r = query(g, name, params);
        int c = r.columns().stream().map(x -> x.name()).toList().indexOf(column);
        return ((io.omnigraph.compiler.types.Value.Int) r.rows().get(0).get(c)).value();
    }
}
