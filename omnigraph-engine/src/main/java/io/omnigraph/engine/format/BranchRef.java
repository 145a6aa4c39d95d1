package io.omnigraph.engine.format;

import java.util.Objects;

/**
 * {@code refs/branches/<name>.json}: the only mutable object of a graph, moved by compare-and-swap. {@code head} is the
 * commit the branch shows; {@code schemaDigest} repeats the head commit's schema so a cold reader can fetch commit and
 * schema in parallel; {@code incarnation} is minted when the branch is created (a deleted and re-created branch has a
 * new one); {@code createdAt} (µs) is the branch creation time; {@code writerToken} is unique per ref write, so a
 * writer can recognise its own landed write after an ambiguous failure.
 */
public record BranchRef(int formatVersion, String branch, String head, String schemaDigest, String incarnation,
                        long createdAt, String writerToken) {
    public BranchRef {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(schemaDigest, "schema_digest");
        Objects.requireNonNull(incarnation, "incarnation");
        Objects.requireNonNull(writerToken, "writer_token");
    }

    /** The same branch moved to another head by another write. */
    public BranchRef movedTo(String newHead, String newSchemaDigest, String newWriterToken) {
        return new BranchRef(formatVersion, branch, newHead, newSchemaDigest, incarnation, createdAt, newWriterToken);
    }
}
