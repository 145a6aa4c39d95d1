package io.omnigraph.engine.diff;

import io.omnigraph.engine.table.TableKind;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity change whose images are not rendered yet: the rows it refers to (null where absent). Listings keep these
 * (cheap: a few references per change) and render only the page they return.
 */
public record PendingChange(TableKind kind, ChangeType type, String id, ChangeOp op, RowRef before, RowRef after) {
    /** The frozen order: nodes before edges, then type id, then entity id, then op rank. */
    public static final Comparator<PendingChange> ORDER = Comparator.comparing(PendingChange::kind)
            .thenComparing(c -> c.type().id()).thenComparing(PendingChange::id).thenComparing(PendingChange::op);

    public PendingChange {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(type);
        Objects.requireNonNull(id);
        Objects.requireNonNull(op);
    }

    /** The change with its exact images. */
    public EntityChange render() {
        return new EntityChange(kind, type, id, op, Optional.ofNullable(before).map(ImageValues::image),
                Optional.ofNullable(after).map(ImageValues::image));
    }
}
