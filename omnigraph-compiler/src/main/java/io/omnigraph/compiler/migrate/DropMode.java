package io.omnigraph.compiler.migrate;

/** How a drop is applied: {@code soft} keeps old data reachable by time travel; {@code hard} may delete it. */
public enum DropMode {
    SOFT("soft"), HARD("hard");

    private final String label;

    DropMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
