package io.omnigraph.cluster.plan;

/** What apply does with a change (spec §3.3). */
public enum Disposition {
    APPLIED("applied", "Applied"), DERIVED("derived", "Derived"), DEFERRED("deferred", "Deferred"),
    BLOCKED("blocked", "Blocked");

    private final String wire;
    private final String label;

    Disposition(String wire, String label) {
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
