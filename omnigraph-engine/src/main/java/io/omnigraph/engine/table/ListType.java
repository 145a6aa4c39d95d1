package io.omnigraph.engine.table;

import java.util.Objects;

/** A variable-length list of non-null scalars (not blobs). Held in a {@link ListColumn}. */
public record ListType(ScalarType element) implements PhysicalType {
    public ListType {
        Objects.requireNonNull(element, "element");
        if (element == ScalarType.BLOB) {
            throw new IllegalArgumentException("lists of blobs are not supported");
        }
    }

    @Override
    public String text() {
        return "list<" + element.text() + ">";
    }
}
