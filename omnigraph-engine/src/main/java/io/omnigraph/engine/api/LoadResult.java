package io.omnigraph.engine.api;

import io.omnigraph.engine.load.LoadMode;

import java.util.List;
import java.util.Optional;

/**
 * The receipt of a load (languages.md §3.3, wire {@code IngestOutput} without {@code uri}): entities per type (nodes
 * and edges, each sorted by name), the total, the mode, the branch and its base, whether the branch was created, the
 * actor and the one commit every load publishes. {@code lines}/{@code bytes} describe the input.
 */
public record LoadResult(String branch, Optional<String> baseBranch, boolean branchCreated, LoadMode mode,
                         List<TypeCount> nodes, List<TypeCount> edges, long totalEntities, Optional<String> actorId,
                         CommitInfo commit, long lines, long bytes) {
    public LoadResult {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
