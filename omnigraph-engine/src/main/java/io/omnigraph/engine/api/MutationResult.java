package io.omnigraph.engine.api;

import java.util.Optional;

/**
 * The result of a mutation (languages.md §4, wire {@code ChangeOutput}): affected counts, the actor, and the commit
 * receipt — absent when nothing was affected (no commit is published then).
 */
public record MutationResult(String branch, String queryName, long affectedNodes, long affectedEdges,
                             Optional<String> actorId, Optional<CommitInfo> commit) {
}
