package io.omnigraph.server.port;

import io.omnigraph.server.api.EntityKind;
import java.util.Objects;

/** Names one Blob property value: entity kind, type name, entity id, property name, and the read target. */
public record BlobLocator(EntityKind entity, String type, String id, String property, ReadTarget target) {
    public BlobLocator {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(target, "target");
    }
}
