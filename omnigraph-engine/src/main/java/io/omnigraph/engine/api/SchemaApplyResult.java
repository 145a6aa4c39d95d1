package io.omnigraph.engine.api;

import io.omnigraph.compiler.migrate.MigrationPlan;

import java.util.Optional;

/**
 * The outcome of a schema apply (wire {@code SchemaApplyOutput} without {@code uri}): {@code applied} is false for an
 * empty plan (nothing published); otherwise one commit carries the new schema.
 */
public record SchemaApplyResult(boolean supported, boolean applied, MigrationPlan plan, long graphManifestVersion,
                                Optional<CommitInfo> commit) {
    public int stepCount() {
        return plan.steps().size();
    }
}
