package io.omnigraph.engine.api;

import io.omnigraph.compiler.migrate.MigrationPlan;
import io.omnigraph.engine.error.EngineErrorCode;

import java.util.List;
import java.util.Optional;

/**
 * What applying a schema would do, computed without effects against main's accepted schema: the migration plan, the
 * main graph manifest version it was planned at, and — when apply would refuse — why ({@code refusal}, with its code:
 * {@code schema_migration_unsupported} for an unsupported step ({@code [CODE] reason}), {@code schema_apply_blocked}
 * when non-main branches exist). An empty plan applies as a no-op ("not applied").
 */
public record SchemaPlanResult(MigrationPlan plan, long graphManifestVersion, Optional<EngineErrorCode> refusalCode,
                               Optional<String> refusal, List<String> blockingBranches) {
    public SchemaPlanResult {
        blockingBranches = List.copyOf(blockingBranches);
    }

    public boolean applicable() {
        return refusal.isEmpty();
    }
}
