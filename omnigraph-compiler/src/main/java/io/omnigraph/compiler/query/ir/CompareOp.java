package io.omnigraph.compiler.query.ir;

import java.util.Optional;

/** Operators of filters and mutation predicates. */
public enum CompareOp {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    /** List membership (list left operand) or case-sensitive substring (String left operand). */
    CONTAINS("contains"),
    /** Case-sensitive prefix; both operands String. */
    STARTS_WITH("starts_with");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    public static Optional<CompareOp> fromSymbol(String s) {
        for (CompareOp op : values()) {
            if (op.symbol.equals(s)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
