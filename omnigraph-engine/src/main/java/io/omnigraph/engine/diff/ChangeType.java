package io.omnigraph.engine.diff;

import java.util.Objects;

/**
 * Graph-scoped type identity of a change (openapi {@code ChangeTypeOutput}). {@code id} is the table key: opaque,
 * stable across a type rename, new after a drop and re-add. {@code name} is the type name at the image's schema.
 */
public record ChangeType(String id, String name) {
    public ChangeType {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
    }
}
