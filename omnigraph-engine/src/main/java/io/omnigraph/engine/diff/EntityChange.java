package io.omnigraph.engine.diff;

import io.omnigraph.engine.table.TableKind;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity change (openapi {@code EntityChangeOutput}): an insert carries only {@code after}, a delete only
 * {@code before}, an update both exact images.
 */
public record EntityChange(TableKind kind, ChangeType type, String id, ChangeOp op, Optional<EntityImage> before,
                           Optional<EntityImage> after) {
    /** The frozen order inside a block: nodes before edges, then type id, then entity id, then op rank. */
    public static final Comparator<EntityChange> ORDER = Comparator.comparing(EntityChange::kind)
            .thenComparing(c -> c.type().id()).thenComparing(EntityChange::id).thenComparing(EntityChange::op);

    public EntityChange {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(type);
        Objects.requireNonNull(id);
        Objects.requireNonNull(op);
        Objects.requireNonNull(before);
        Objects.requireNonNull(after);
        boolean ok = switch (op) {
            case INSERT -> before.isEmpty() && after.isPresent();
            case UPDATE -> before.isPresent() && after.isPresent();
            case DELETE -> before.isPresent() && after.isEmpty();
        };
        if (!ok) {
            throw new IllegalArgumentException(op.wire() + " of " + id + " with wrong images");
        }
    }
}
