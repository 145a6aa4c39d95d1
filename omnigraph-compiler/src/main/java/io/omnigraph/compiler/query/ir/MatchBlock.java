package io.omnigraph.compiler.query.ir;

import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.schema.ir.PropertyDef;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code match { … }} block (the top level, or the inside of a {@code not { … }}), in the lowering order of
 * spec §2.4: bindings, then traversals, then filters, then negations. Semantics are a conjunctive join: the rows of
 * the block are all assignments of its {@link #variables()} (plus the outer row, for a negation) that satisfy every
 * binding predicate, traversal, filter, and for which every negation block yields no row. Textual order does not
 * change results.
 *
 * @param variables  variables first introduced in this block (by a binding, a traversal endpoint or an edge
 *                   binding), in order of introduction; for a negation these are local to it
 * @param bindings   one entry per variable that has a {@code $v: T} binding in this block (repeated bindings of a
 *                   variable are merged conjunctively); may name an outer variable inside a negation
 * @param traversals in source order
 * @param filters    in source order
 * @param negations  anti-joins: keep a row iff the block, evaluated with the row's variables fixed, has no row
 * @param outerRefs  for a negation: the outer variables it references (never empty); empty for the top block
 */
public record MatchBlock(List<Variable> variables, List<Binding> bindings, List<Traversal> traversals,
                         List<Filter> filters, List<MatchBlock> negations, Set<String> outerRefs) {
    public MatchBlock {
        variables = List.copyOf(variables);
        bindings = List.copyOf(bindings);
        traversals = List.copyOf(traversals);
        filters = List.copyOf(filters);
        negations = List.copyOf(negations);
        outerRefs = Set.copyOf(outerRefs);
    }

    /** {@code $v: T { p: value, … }}: scan node type T; every predicate must hold. */
    public record Binding(String var, NodeType type, List<Predicate> predicates) {
        public Binding {
            Objects.requireNonNull(var, "var");
            predicates = List.copyOf(predicates);
        }
    }

    /**
     * A binding property match: equality for a scalar property, membership ({@code contains}) for a list property.
     * {@code value} is a literal, a parameter or {@code now()}.
     */
    public record Predicate(PropertyDef property, CompareOp op, TypedExpr value) {
    }

    /**
     * {@code $src [$edgeVar:] edge{min,max} $dst}. Without an edge variable: reachability with set semantics (each
     * destination at most once per source, BFS over hops {@code minHops..effectiveMaxHops()}); with one: exactly one
     * hop and one row per matching edge (parallel edges distinct). If both endpoints are already constrained the
     * traversal is a join condition.
     */
    public record Traversal(String src, NodeType srcType, EdgeType edge, Direction direction, long minHops, long maxHops,
                            Optional<String> edgeVar, String dst, NodeType dstType) {
        /** {@code maxHops}, capped at 1 when the edge's from and to types differ (multi-hop only chains same-type edges). */
        public long effectiveMaxHops() {
            return edge.isSymmetric() ? maxHops : Math.min(maxHops, 1);
        }
    }

    /**
     * A filter {@code left op right}, or a search predicate (then {@code left} is a {@link TypedExpr.TextMatch},
     * {@code op} is {@link CompareOp#EQ} and {@code right} the literal {@code true}).
     */
    public record Filter(TypedExpr left, CompareOp op, TypedExpr right) {
        public boolean isTextMatch() {
            return left instanceof TypedExpr.TextMatch;
        }
    }

    /** All variables of this block and its negations (for diagnostics and descriptors). */
    public List<Variable> allVariables() {
        List<Variable> out = new java.util.ArrayList<>(variables);
        negations.forEach(n -> out.addAll(n.allVariables()));
        return List.copyOf(out);
    }
}
