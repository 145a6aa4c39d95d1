package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.query.ir.RankExpr;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.TableData;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The search seam of the executor: full-text predicates in {@code match}, ranking orders ({@code nearest}, {@code bm25},
 * {@code rrf}) and score projections. The executor applies every match clause first, then calls {@link #rank} on the
 * surviving rows (pre-filter: a ranking never sees rows a filter removed), then applies the limit and projects. When
 * the match is one node binding with no clause that could reject a row, the input is every row of the table
 * ({@link RankInput#allRows}) and is never materialised unless the ranker asks for {@link RankInput#rows}.
 * Implementations must be deterministic and thread-safe. {@link #unavailable()} fails every call with
 * {@code search_unavailable}.
 */
public interface Ranker {

    /**
     * Orders the rows of {@code input} by a ranking. Returns positions into {@code input} (each at most once) in rank
     * order — rows the ranking does not match (e.g. no BM25 token) are left out — at most {@code limit} of them when a
     * limit is given, plus the score of each returned row.
     */
    Ranking rank(RankExpr rank, RankInput input, OptionalLong limit);

    /** The score of every row of {@code input} for a score projection ({@code NaN} for "no score", shown as NULL). */
    double[] scores(RankExpr rank, RankInput input);

    /**
     * Evaluates a search predicate ({@code search}, {@code match_text}, {@code fuzzy}) over every row of a node table:
     * {@code result[row]} tells whether the row's field matches {@code query}.
     */
    boolean[] textMatch(TypedExpr.TextMatch predicate, GraphSource graph, EntityType type, IndexMode mode, Value query,
                        Optional<Value> maxEdits);

    /** The outcome of {@link #rank}: positions into the input in rank order, and their scores. */
    record Ranking(int[] positions, double[] scores) {
        public Ranking {
            if (positions.length != scores.length) {
                throw new IllegalArgumentException("positions and scores differ in length");
            }
        }
    }

    /** The filtered rows handed to a ranker: one entry per row, with the table row of each bound variable. */
    interface RankInput {
        int rowCount();

        /** The table a variable ranges over. */
        TableData table(String var);

        /** The cache identity of that table's state (for search indexes). */
        String tableIdentity(String var);

        /** The table row bound to {@code var} in input row {@code position}. */
        int row(String var, int position);

        /**
         * The table rows bound to {@code var} for every input position: entry {@code p < rowCount()} equals
         * {@code row(var, p)} (the array may be longer; callers must not modify it).
         */
        default int[] rows(String var) {
            int[] out = new int[rowCount()];
            for (int p = 0; p < out.length; p++) {
                out[p] = row(var, p);
            }
            return out;
        }

        /**
         * Whether no two input positions bind the same row of {@code var} (each entity occurs once), as when the match
         * is a single node binding. Rankers may then skip grouping rows by entity. Default: false (no promise).
         */
        default boolean distinct(String var) {
            return false;
        }

        /**
         * Whether the input is exactly every row of {@code var}'s table once, position {@code p} binding row
         * {@code p} (an unfiltered single node binding). Implies {@link #distinct}. Rankers may then answer from an
         * index without touching every row; {@link #rows} may still be called (and then materialises the identity).
         * Default: false.
         */
        default boolean allRows(String var) {
            return false;
        }

        /** A runtime parameter value (already converted). */
        Value param(String name);

        /** The node type a variable ranges over. */
        EntityType type(String var);

        /** The graph version the rows come from (tables, columns, index cache, embedder). */
        GraphSource graph();

        /** The execution's index mode (rankers must return the same rows in every mode, up to ANN approximation). */
        IndexMode indexMode();
    }

    /** A ranker that rejects every search feature with {@code search_unavailable}. */
    static Ranker unavailable() {
        return Unavailable.INSTANCE;
    }

    /** The error every search feature raises when no search implementation is installed. */
    static EngineException unavailableError(String feature) {
        return new EngineException.Invalid(EngineErrorCode.SEARCH_UNAVAILABLE, feature, feature
                + " is not available: this execution runs without a search ranker (ExecOptions.withRanker); "
                + "use the default options, or remove it from the query");
    }

    /** See {@link #unavailable()}. */
    enum Unavailable implements Ranker {
        INSTANCE;

        @Override
        public Ranking rank(RankExpr rank, RankInput input, OptionalLong limit) {
            throw unavailableError(name(rank) + "() ranking");
        }

        @Override
        public double[] scores(RankExpr rank, RankInput input) {
            throw unavailableError(name(rank) + "() score");
        }

        @Override
        public boolean[] textMatch(TypedExpr.TextMatch predicate, GraphSource graph, EntityType type, IndexMode mode,
                                   Value query, Optional<Value> maxEdits) {
            throw unavailableError(predicate.kind().name().toLowerCase(java.util.Locale.ROOT) + "() predicate");
        }

        private static String name(RankExpr r) {
            return switch (r) {
                case RankExpr.Nearest n -> "nearest";
                case RankExpr.Bm25 b -> "bm25";
                case RankExpr.Rrf f -> "rrf";
            };
        }
    }
}
