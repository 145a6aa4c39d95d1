package io.omnigraph.engine.diff;

import java.util.List;
import java.util.Objects;

/** One commit's changes (openapi {@code ChangeBlockOutput}); the cause is stated once for all its changes. */
public record ChangeBlock(ChangeCause cause, List<EntityChange> changes) {
    public ChangeBlock {
        Objects.requireNonNull(cause);
        changes = List.copyOf(changes);
    }
}
