package io.omnigraph.engine.api;

/** A branch as created: its name, the branch or commit it was created from, and its head commit. */
public record BranchInfo(String name, String from, String headCommitId) {
}
