package io.omnigraph.cluster.diag;

/** Severity of a control-plane diagnostic. A command is {@code ok} iff it produced no {@link #ERROR}. */
public enum Severity {
    ERROR("error"), WARNING("warning");

    private final String wire;

    Severity(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
