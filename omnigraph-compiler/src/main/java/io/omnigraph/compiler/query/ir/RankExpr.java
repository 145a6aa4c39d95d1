package io.omnigraph.compiler.query.ir;

/**
 * A ranking function ({@code order} ranking mode, or a score projection).
 * <ul>
 *   <li>{@link Nearest} — smallest Euclidean (L2) distance first; the query is a Vector (param or literal) of the
 *       property's dimension, or a String to embed at query time (then {@code embedModel} is the {@code @embed}
 *       model recorded on the property, if any, which the embedder must match).</li>
 *   <li>{@link Bm25} — rows with at least one matching token, highest BM25 first.</li>
 *   <li>{@link Rrf} — reciprocal-rank fusion of two arms, {@code score = Σ 1/(k + rank + 1)}.</li>
 * </ul>
 */
public sealed interface RankExpr {

    /** The variable whose entities are ranked. */
    String var();

    record Nearest(TypedExpr.PropRef target, TypedExpr query, boolean textQuery,
                   java.util.Optional<String> embedModel) implements RankExpr {
        @Override
        public String var() {
            return target.var();
        }
    }

    record Bm25(TypedExpr.PropRef field, TypedExpr query) implements RankExpr {
        @Override
        public String var() {
            return field.var();
        }
    }

    record Rrf(RankExpr first, RankExpr second, long k) implements RankExpr {
        @Override
        public String var() {
            return first.var();
        }
    }
}
