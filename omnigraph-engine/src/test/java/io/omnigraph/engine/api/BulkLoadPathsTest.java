package io.omnigraph.engine.api;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk-load fast paths give the results of the general paths: plain edge records parsed by streaming (keys in any
 * order, edge names in any case) and reference checks over dictionary-encoded endpoints (large edge batches: one lookup
 * per distinct endpoint), including which violation is reported first.
 */
class BulkLoadPathsTest {
    static final String SCHEMA = "node Person { name: String @key }\nedge Knows: Person -> Person";

    static String people(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"type\":\"Person\",\"data\":{\"name\":\"p").append(i).append("\"}}\n");
        }
        return sb.toString();
    }

    /** 3,000 edges over 50 persons (repetitive endpoints, so the columns are dictionary-encoded). */
    static String edges(int persons, int count, int badRow, String badTo) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String to = i == badRow ? badTo : "p" + ((i * 7 + 3) % persons);
            switch (i % 3) {
                case 0 -> sb.append("{\"edge\":\"Knows\",\"from\":\"p").append(i % persons).append("\",\"to\":\"").append(to).append("\"}\n");
                case 1 -> sb.append("{\"to\":\"").append(to).append("\",\"from\":\"p").append(i % persons).append("\",\"edge\":\"knows\"}\n");
                default -> sb.append("{ \"from\" : \"p").append(i % persons).append("\", \"edge\":\"KNOWS\", \"to\":\"").append(to).append("\" }\r\n");
            }
        }
        return sb.toString();
    }

    @Test
    void streamedEdgeRecordsLoadLikeTheGeneralPath() {
        try (TestGraph g = TestGraph.create(SCHEMA)) {
            LoadResult r = g.load(people(50) + edges(50, 3000, -1, null), LoadMode.OVERWRITE);
            assertThat(r.edges()).containsExactly(new TypeCount("Knows", 3000));
            assertThat(g.edges("Knows")).hasSize(3000).contains("p0->p3", "p1->p10", "p2->p17");
        }
    }

    @Test
    void theFirstDanglingEndpointInRowOrderIsReportedAndNothingIsWritten() {
        try (TestGraph g = TestGraph.create(SCHEMA)) {
            g.load(people(50), LoadMode.OVERWRITE);
            int commits = g.commits().size();
            assertThatThrownBy(() -> g.load(edges(50, 3000, 2500, "ghost"), LoadMode.APPEND))
                    .isInstanceOf(EngineException.ConstraintViolation.class).hasMessage("dst 'ghost' not found in Person");
            assertThat(g.commits()).hasSize(commits);
            // the endpoint exists in the committed table: the dictionary path probes committed rows too
            LoadResult ok = g.load(edges(50, 3000, -1, null), LoadMode.APPEND);
            assertThat(ok.edges()).containsExactly(new TypeCount("Knows", 3000));
        }
    }

    @Test
    void recordsOutsideTheFastShapeStillGetTheirMessages() {
        try (TestGraph g = TestGraph.create(SCHEMA)) {
            assertThatThrownBy(() -> g.load("{\"edge\":\"Knows\",\"from\":\"a\",\"to\":\"b\",\"to\":\"c\"}", LoadMode.APPEND))
                    .hasMessageStartingWith("line 1: duplicate key 'to'");
            assertThatThrownBy(() -> g.load("{\"edge\":\"Knows\",\"from\":\"a\",\"to\":\"b\"} {}", LoadMode.APPEND))
                    .hasMessageStartingWith("line 1: invalid JSON");
            assertThatThrownBy(() -> g.load("{\"edge\":\"Knows\",\"from\":\"a\",\"to\":7}", LoadMode.APPEND))
                    .hasMessageStartingWith("line 1: 'to' must be a string");
            assertThatThrownBy(() -> g.load("{\"edge\":\"Nope\",\"from\":\"a\",\"to\":\"b\"}", LoadMode.APPEND))
                    .hasMessageStartingWith("line 1: unknown edge type 'Nope'");
            assertThat(g.commits()).hasSize(1);
        }
    }
}
