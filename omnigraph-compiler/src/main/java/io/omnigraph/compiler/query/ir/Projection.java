package io.omnigraph.compiler.query.ir;

import java.util.Objects;

/**
 * One {@code return} column: its final name (spec §2.5: alias; else {@code v.prop}; bare {@code $v} → {@code v};
 * {@code $param} → {@code param}; literal → {@code literal}; aggregate → its argument's name; {@code now()} →
 * {@code now}; score functions → {@code nearest}/{@code bm25}/{@code rrf}), the expression, and whether it is an
 * aggregate or a group key.
 */
public record Projection(String column, TypedExpr expr, boolean aggregate) {
    public Projection {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(expr, "expr");
    }

    public ValueDescriptor descriptor() {
        return ValueDescriptor.of(column, expr.type());
    }
}
