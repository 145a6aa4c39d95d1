package io.omnigraph.cluster.plan;

/** The operation of a change. */
public enum Op {
    CREATE("create", "Create"), UPDATE("update", "Update"), DELETE("delete", "Delete");

    private final String wire;
    private final String label;

    Op(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }
}
