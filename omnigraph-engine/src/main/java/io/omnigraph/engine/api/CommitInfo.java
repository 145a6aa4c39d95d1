package io.omnigraph.engine.api;

import io.omnigraph.engine.format.Commit;

import java.util.Objects;
import java.util.Optional;

/**
 * One graph commit, in the shape of the wire {@code CommitOutput} plus operation, message and schema digest.
 *
 * @param graphManifestVersion the commit's position on its branch's first-parent chain (genesis 1)
 * @param createdAt            microseconds since the Unix epoch
 */
public record CommitInfo(String graphCommitId, String graphBranch, long graphManifestVersion,
                         Optional<String> parentCommitId, Optional<String> mergedParentCommitId, Optional<String> actorId,
                         long createdAt, String operation, String message, String schemaDigest) {
    public CommitInfo {
        Objects.requireNonNull(graphCommitId);
        Objects.requireNonNull(graphBranch);
    }

    public static CommitInfo of(Commit c) {
        return new CommitInfo(c.id(), c.branch(), c.version(), c.firstParent(), c.mergedParent(), c.actor(),
                c.createdAt(), c.operation(), c.message(), c.schemaDigest());
    }
}
