package io.omnigraph.compiler.query.ir;

import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;

import java.util.Objects;
import java.util.Optional;

/**
 * A typechecked expression. Every variant knows its result {@link #type()}. Evaluation rules for the executor:
 * comparisons involving NULL are false; numeric kinds compare by value across widths (no truncation).
 */
public sealed interface TypedExpr {

    PropType type();

    /** {@code $v.prop}: column {@code v.prop} of a node or edge variable. */
    record PropRef(String var, VarKind varKind, PropertyDef property) implements TypedExpr {
        public PropRef {
            Objects.requireNonNull(var, "var");
            Objects.requireNonNull(property, "property");
        }

        @Override
        public PropType type() {
            return property.type();
        }

        /** The wide-row column name {@code v.prop}. */
        public String column() {
            return var + "." + property.name();
        }
    }

    /** Bare node variable {@code $v}: its id (column {@code v.id}), a String. */
    record NodeIdRef(String var) implements TypedExpr {
        @Override
        public PropType type() {
            return PropType.of(ScalarKind.STRING);
        }

        public String column() {
            return var + ".id";
        }
    }

    /** {@code $name} of a declared parameter (name without {@code $}); {@code type} is the declared type. */
    record ParamRef(String name, PropType type) implements TypedExpr {
    }

    /**
     * A literal, already converted: integer → I64, float → F64, string → String, {@code date("…")} → Date (epoch
     * days), {@code datetime("…")} → DateTime (epoch ms), lists → {@code [T]}. A literal assigned to a property, or
     * used as a {@code nearest} query vector, is converted to that property's type (e.g. {@code Vector(3)}).
     */
    record Literal(Value value, PropType type) implements TypedExpr {
    }

    /** {@code now()}: the DateTime captured once per query execution (reads and mutations). */
    record Now() implements TypedExpr {
        @Override
        public PropType type() {
            return PropType.of(ScalarKind.DATETIME);
        }
    }

    /**
     * An aggregate. {@code count} counts non-NULL values (of a bare node variable: rows) and is I64;
     * {@code sum}/{@code avg} are F64 (NULL when the group has no non-NULL value); {@code min}/{@code max} have the
     * argument's type (nullable).
     */
    record Aggregate(AggregateFn fn, TypedExpr arg, PropType type) implements TypedExpr {
    }

    /**
     * A search predicate of a {@code match} block: {@code search}/{@code match_text} match if the tokenized field
     * shares a token with the tokenized query; {@code fuzzy} allows {@code maxEdits} (default 2) edits per token.
     */
    record TextMatch(TextMatchKind kind, PropRef field, TypedExpr query, Optional<TypedExpr> maxEdits) implements TypedExpr {
        @Override
        public PropType type() {
            return PropType.of(ScalarKind.BOOL);
        }
    }

    /** A ranking score as a value (projection): nearest = L2 distance, bm25 = BM25 score, rrf = fused score. F64. */
    record Score(RankExpr rank) implements TypedExpr {
        @Override
        public PropType type() {
            return PropType.of(ScalarKind.F64).asNullable();
        }
    }

    enum AggregateFn { COUNT, SUM, AVG, MIN, MAX }

    enum TextMatchKind { SEARCH, FUZZY, MATCH_TEXT }
}
