package io.omnigraph.engine.query;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.omnigraph.engine.query.testing.Differential;

/**
 * Jazzer front end of the differential test: the fuzzer chooses the seed of the random graph and of its queries.
 * In the default build it runs in regression mode over the inputs in
 * {@code src/test/resources/io/omnigraph/engine/query/QueryFuzzTestInputs/randomGraphsAndQueries/}; with
 * {@code JAZZER_FUZZ=1} it explores seeds. Any executor/reference difference is an AssertionError with the seed.
 */
class QueryFuzzTest {
    @FuzzTest(maxDuration = "120s")
    void randomGraphsAndQueries(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        int queries = data.consumeInt(1, 16);
        Differential.check(seed, queries, new Differential.Stats());
    }
}
