package io.omnigraph.engine.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One bounded page of a commit's entity diff (openapi {@code CommitChangesOutput}). */
public record CommitChangesPage(ChangeCause cause, List<EntityChange> changes, Optional<String> nextPageToken) {
    public CommitChangesPage {
        Objects.requireNonNull(cause);
        changes = List.copyOf(changes);
        Objects.requireNonNull(nextPageToken);
    }
}
