package io.omnigraph.compiler.query.ast;

import io.omnigraph.compiler.diag.Span;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The syntax tree of a {@code .gq} file (spec §2.1/§2.2), with spans for diagnostics. */
public final class QueryAst {
    private QueryAst() {
    }

    public record File(List<QueryDecl> queries) {
        public File {
            queries = List.copyOf(queries);
        }
    }

    /** {@code query name(params) @description(…) @instruction(…) { body }}. */
    public record QueryDecl(String name, Span nameSpan, List<Param> params, Optional<String> description,
                            Optional<String> instruction, Body body, Span span) {
        public QueryDecl {
            params = List.copyOf(params);
        }

        public boolean isMutation() {
            return body instanceof MutationBody;
        }
    }

    /**
     * A declared parameter {@code $name: T}. {@code typeName} is the base type name as written (validated by the
     * typechecker: unknown names are an error there); {@code vectorDim} is set for {@code Vector(n)}.
     */
    public record Param(String name, Span span, String typeName, Span typeSpan, boolean list, OptionalLong vectorDim,
                        boolean nullable) {
    }

    public sealed interface Body permits ReadBody, MutationBody {
    }

    public record ReadBody(List<Clause> match, Span matchSpan, List<Projection> projections, Span returnSpan,
                           List<Ordering> order, OptionalLong limit, Optional<Span> limitSpan) implements Body {
        public ReadBody {
            match = List.copyOf(match);
            projections = List.copyOf(projections);
            order = List.copyOf(order);
        }
    }

    public record MutationBody(List<Mutation> statements) implements Body {
        public MutationBody {
            statements = List.copyOf(statements);
        }
    }

    // ------------------------------------------------------------------------------------------------ clauses

    public sealed interface Clause permits Binding, Traversal, Filter, Negation, SearchClause {
        Span span();
    }

    /** {@code $v: Type { prop: value, … }}. */
    public record Binding(Var var, String typeName, Span typeSpan, List<PropMatch> props, Span span) implements Clause {
        public Binding {
            props = List.copyOf(props);
        }
    }

    public record PropMatch(String property, Span propertySpan, Expr value, Span span) {
    }

    /** {@code $a [$w:] edge|<edge> [{min,max}] $b}. */
    public record Traversal(Var src, Optional<Var> edgeVar, String edge, Span edgeSpan, boolean undirected,
                            Optional<Bounds> bounds, Var dst, Span span) implements Clause {
    }

    public record Bounds(long min, OptionalLong max, Span span) {
    }

    public record Filter(Expr left, String op, Span opSpan, Expr right, Span span) implements Clause {
    }

    public record Negation(List<Clause> clauses, Span span) implements Clause {
        public Negation {
            clauses = List.copyOf(clauses);
        }
    }

    /** {@code search(…)}, {@code fuzzy(…)} or {@code match_text(…)} on its own: sugar for {@code call = true}. */
    public record SearchClause(TextCall call, Span span) implements Clause {
    }

    /** {@code $name}; {@code $_} is anonymous. */
    public record Var(String name, Span span) {
        public Var {
            Objects.requireNonNull(name, "name");
        }

        public boolean anonymous() {
            return name.equals("_");
        }

        public String display() {
            return "$" + name;
        }
    }

    // ------------------------------------------------------------------------------------------------ return, order

    public record Projection(Expr expr, Optional<String> alias, Optional<Span> aliasSpan, Span span) {
    }

    /** {@code expr [asc|desc]} or {@code nearest(…)}. */
    public record Ordering(Expr expr, boolean descending, boolean explicitDirection, Span span) {
    }

    // ------------------------------------------------------------------------------------------------ expressions

    public sealed interface Expr permits Now, Nearest, TextCall, Rrf, Aggregate, PropAccess, VarRef, Literal, AliasRef {
        Span span();
    }

    public record Now(Span span) implements Expr {
    }

    public record Nearest(PropAccess target, Expr query, Span span) implements Expr {
    }

    public enum TextFn {
        SEARCH("search"), FUZZY("fuzzy"), MATCH_TEXT("match_text"), BM25("bm25");

        private final String sourceName;

        TextFn(String sourceName) {
            this.sourceName = sourceName;
        }

        public String sourceName() {
            return sourceName;
        }
    }

    /** {@code search(f, q)}, {@code fuzzy(f, q[, n])}, {@code match_text(f, q)}, {@code bm25(f, q)}. */
    public record TextCall(TextFn fn, List<Expr> args, Span span) implements Expr {
        public TextCall {
            args = List.copyOf(args);
        }
    }

    /** {@code rrf(r1, r2[, k])}; the grammar restricts r1/r2 to {@code nearest(…)} or {@code bm25(…)}. */
    public record Rrf(Expr first, Expr second, Optional<Expr> k, Span span) implements Expr {
    }

    public enum AggFn {
        COUNT("count"), SUM("sum"), AVG("avg"), MIN("min"), MAX("max");

        private final String sourceName;

        AggFn(String sourceName) {
            this.sourceName = sourceName;
        }

        public String sourceName() {
            return sourceName;
        }
    }

    public record Aggregate(AggFn fn, Expr arg, Span span) implements Expr {
    }

    public record PropAccess(Var var, String property, Span propertySpan, Span span) implements Expr {
    }

    public record VarRef(Var var) implements Expr {
        @Override
        public Span span() {
            return var.span();
        }
    }

    /** A bare identifier in expression position: a reference to a projection alias. */
    public record AliasRef(String name, Span span) implements Expr {
    }

    /** Literals: {@code value} is a String, Long, Double, Boolean, a date/datetime text, or a list of literals. */
    public record Literal(LiteralKind kind, Object value, String text, Span span) implements Expr {
        @SuppressWarnings("unchecked")
        public List<Literal> items() {
            return kind == LiteralKind.LIST ? (List<Literal>) value : List.of();
        }
    }

    public enum LiteralKind { STRING, INTEGER, FLOAT, BOOL, DATE, DATETIME, LIST }

    // ------------------------------------------------------------------------------------------------ mutations

    public sealed interface Mutation permits Insert, Update, Delete {
        String typeName();

        Span typeSpan();

        Span span();
    }

    public record Insert(String typeName, Span typeSpan, List<Assign> assignments, Span span) implements Mutation {
        public Insert {
            assignments = List.copyOf(assignments);
        }
    }

    public record Update(String typeName, Span typeSpan, List<Assign> assignments, MutationPredicate where, Span span)
            implements Mutation {
        public Update {
            assignments = List.copyOf(assignments);
        }
    }

    public record Delete(String typeName, Span typeSpan, MutationPredicate where, Span span) implements Mutation {
    }

    /** {@code prop: value}; value is a literal, a variable or {@code now()}. */
    public record Assign(String property, Span propertySpan, Expr value, Span span) {
    }

    /** {@code where prop op value} with {@code op} one of {@code = != < <= > >=}. */
    public record MutationPredicate(String property, Span propertySpan, String op, Expr value, Span span) {
    }
}
