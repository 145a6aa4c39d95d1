package io.omnigraph.cluster.graph;

/** A graph operation failed. {@link #moved()} tells whether the graph may have changed before the failure. */
public final class GraphPlaneException extends Exception {
    private final boolean moved;

    public GraphPlaneException(String message, boolean moved) {
        super(message);
        this.moved = moved;
    }

    public GraphPlaneException(String message, boolean moved, Throwable cause) {
        super(message, cause);
        this.moved = moved;
    }

    public boolean moved() {
        return moved;
    }
}
