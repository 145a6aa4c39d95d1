package io.omnigraph.engine.query;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Options of one query execution.
 *
 * @param indexMode      index use (results never depend on it)
 * @param nowMillis      the value of {@code now()} in epoch milliseconds; empty = the wall clock at execution start
 * @param ranker         the ranking seam for {@code nearest}/{@code bm25}/{@code rrf} and search predicates
 * @param maxRows        upper bound on the rows of any intermediate relation; exceeding it fails the query with
 *                       {@code resource_limit} instead of exhausting memory
 * @param trace          receives one line per executed operator (access path, rows, time); the default discards
 *                       them unless the system property {@value #TRACE_PROPERTY} is {@code true} (then stderr)
 */
public record ExecOptions(IndexMode indexMode, OptionalLong nowMillis, Ranker ranker, long maxRows, Consumer<String> trace) {
    /** System property that sends operator traces to stderr. */
    public static final String TRACE_PROPERTY = "omnigraph.query.trace";

    /** The trace that discards every line (the executor then does not even format them). */
    public static final Consumer<String> NO_TRACE = line -> { };

    /** Default bound on intermediate rows (each row costs 4 bytes per bound variable). */
    public static final long DEFAULT_MAX_ROWS = 200_000_000L;

    public ExecOptions {
        Objects.requireNonNull(indexMode, "indexMode");
        Objects.requireNonNull(nowMillis, "nowMillis");
        Objects.requireNonNull(ranker, "ranker");
        Objects.requireNonNull(trace, "trace");
        if (maxRows < 1 || maxRows > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxRows must be in 1..2^31-17, got " + maxRows);
        }
    }

    /**
     * Index mode from the {@link IndexMode#PROPERTY} system property, wall-clock {@code now()}, the search ranker
     * ({@link io.omnigraph.engine.search.SearchRanker}: full-text, vector and hybrid search, score projections).
     */
    public static ExecOptions defaults() {
        Consumer<String> trace = Boolean.getBoolean(TRACE_PROPERTY) ? line -> System.err.println("[query] " + line) : NO_TRACE;
        return new ExecOptions(IndexMode.fromSystemProperty(), OptionalLong.empty(),
                io.omnigraph.engine.search.SearchRanker.INSTANCE, DEFAULT_MAX_ROWS, trace);
    }

    public ExecOptions withIndexMode(IndexMode mode) {
        return new ExecOptions(mode, nowMillis, ranker, maxRows, trace);
    }

    public ExecOptions withNow(long epochMillis) {
        return new ExecOptions(indexMode, OptionalLong.of(epochMillis), ranker, maxRows, trace);
    }

    public ExecOptions withRanker(Ranker r) {
        return new ExecOptions(indexMode, nowMillis, r, maxRows, trace);
    }

    public ExecOptions withTrace(Consumer<String> t) {
        return new ExecOptions(indexMode, nowMillis, ranker, maxRows, t);
    }

    public ExecOptions withMaxRows(long rows) {
        return new ExecOptions(indexMode, nowMillis, ranker, rows, trace);
    }
}
