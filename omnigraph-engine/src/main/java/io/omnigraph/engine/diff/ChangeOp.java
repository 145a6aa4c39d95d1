package io.omnigraph.engine.diff;

import java.util.Locale;

/** The logical operation of one entity change. The declaration order is the frozen ordering rank. */
public enum ChangeOp {
    INSERT, UPDATE, DELETE;

    /** The wire spelling: {@code insert}, {@code update}, {@code delete}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire spelling; the exception message lists the accepted values. */
    public static ChangeOp parse(String s) {
        for (ChangeOp op : values()) {
            if (op.wire().equals(s)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown change op '" + s + "' (expected insert, update or delete)");
    }
}
