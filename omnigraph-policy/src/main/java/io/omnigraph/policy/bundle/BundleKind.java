package io.omnigraph.policy.bundle;

/**
 * What a bundle is bound to. Kind alignment (spec §1.6, §5.1): a {@link #GRAPH} bundle (bound to {@code graph.<id>})
 * may not allow {@code graph_list}; a {@link #SERVER} bundle (bound to {@code cluster}) may allow only
 * {@code graph_list}.
 */
public enum BundleKind {
    GRAPH("graph"),
    SERVER("server");

    private final String wireName;

    BundleKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
