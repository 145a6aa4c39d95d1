package io.omnigraph.engine.table;

/** A fixed-dimension vector of float32 values (an embedding). Held in a {@link VectorColumn}. */
public record VectorType(int dim) implements PhysicalType {
    public VectorType {
        if (dim < 1 || dim > 65_536) {
            throw new IllegalArgumentException("vector dimension must be in 1..65536, got " + dim);
        }
    }

    @Override
    public String text() {
        return "vector(" + dim + ")";
    }
}
