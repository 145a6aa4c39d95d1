package io.omnigraph.cluster.failpoint;

/**
 * Every named crash point of the control plane (spec §3.4 plus the remaining durable steps), compile-checked. Tests
 * arm them through {@link Failpoints}; production code only calls {@link Failpoints#hit(Failpoint)}.
 */
public enum Failpoint {
    BEFORE_GRAPH_CREATE("cluster_apply.before_graph_create"),
    AFTER_GRAPH_CREATE("cluster_apply.after_graph_create"),
    BEFORE_SCHEMA_APPLY("cluster_apply.before_schema_apply"),
    AFTER_SCHEMA_APPLY("cluster_apply.after_schema_apply"),
    AFTER_PAYLOAD_PHASE("cluster_apply.after_payload_phase"),
    BEFORE_GRAPH_DELETE("cluster_apply.before_graph_delete"),
    AFTER_GRAPH_DELETE("cluster_apply.after_graph_delete"),
    BEFORE_STATE_WRITE("cluster_apply.before_state_write"),
    AFTER_STATE_WRITE("cluster_apply.after_state_write"),
    AFTER_SIDECAR_CLEANUP("cluster_apply.after_sidecar_cleanup");

    private final String wire;

    Failpoint(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
