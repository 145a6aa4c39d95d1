package io.omnigraph.cluster.graph;

import io.omnigraph.compiler.migrate.MigrationPlan;

/** The engine's answer to "what would applying this schema do?" (read-only; soft drops). */
public sealed interface SchemaPreview {
    /** The migration the engine would run, at the observed main manifest version. */
    record Ready(MigrationPlan plan, long manifestVersion) implements SchemaPreview {
    }

    /** The engine refuses before anything moves: unsupported step, non-main branches exist, lock contention, … */
    record Rejected(String reason) implements SchemaPreview {
    }
}
