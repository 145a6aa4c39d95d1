package io.omnigraph.server.cluster;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.server.api.ChangeDiffRefusalReason;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.api.MergeConflictKind;
import io.omnigraph.server.error.ChangeDiffRefusalOutput;
import io.omnigraph.server.error.ChangeFeedGapOutput;
import io.omnigraph.server.error.MergeConflictOutput;
import io.omnigraph.server.error.KeyConflictOutput;
import io.omnigraph.server.error.PreconditionFailureOutput;
import io.omnigraph.server.error.ReadSetConflictOutput;
import io.omnigraph.server.error.ResourceLimitOutput;
import io.omnigraph.server.port.Failure;
import io.omnigraph.server.port.ServiceException;
import io.omnigraph.storage.StoreException;

/**
 * Engine errors in server terms (cluster-server spec §4.6). Exhaustive over the sealed {@link EngineException}: the
 * server, not the engine, picks HTTP statuses, so this is the only place engine codes meet {@link Failure}s.
 *
 * <table>
 * <caption>mapping</caption>
 * <tr><th>engine</th><th>failure</th><th>HTTP</th></tr>
 * <tr><td>not_found, historical_version_reclaimed</td><td>NotFound</td><td>404</td></tr>
 * <tr><td>key_conflict</td><td>KeyConflict</td><td>409 + key_conflict</td></tr>
 * <tr><td>read_set_conflict</td><td>ReadSetConflict</td><td>409 + read_set_conflict</td></tr>
 * <tr><td>publish_contention, branch_exists, graph_exists</td><td>Conflict</td><td>409</td></tr>
 * <tr><td>precondition_failed</td><td>PreconditionFailed</td><td>412 + precondition_failure</td></tr>
 * <tr><td>invalid_*, constraint_violation, query/schema errors, branch_reserved</td><td>BadRequest</td><td>400</td></tr>
 * <tr><td>resource_limit</td><td>ResourceLimit</td><td>413 + resource_limit</td></tr>
 * <tr><td>policy_denied (engine-layer gate)</td><td>PolicyDenied</td><td>403</td></tr>
 * <tr><td>merge_conflicts</td><td>MergeConflicts</td><td>409 + merge_conflicts</td></tr>
 * <tr><td>change_diff_refusal</td><td>ChangeDiffRefused</td><td>409 + change_diff_refusal</td></tr>
 * <tr><td>change_feed_gap</td><td>ChangeFeedGap</td><td>410 + change_feed_gap</td></tr>
 * <tr><td>storage_*, corrupt_object, format_unsupported</td><td>Internal</td><td>500</td></tr>
 * </table>
 */
public final class EngineFailures {
    private EngineFailures() {
    }

    /** The failure for an engine exception (the cause is kept for the server log). */
    public static ServiceException map(EngineException e) {
        return new ServiceException(failure(e), e);
    }

    /** Storage failures outside an engine call (e.g. reading a blob's bytes). */
    public static ServiceException map(StoreException e) {
        return new ServiceException(new Failure.Internal("storage failure: " + e.getMessage()), e);
    }

    static MergeConflictOutput conflict(MergeConflict c) {
        return new MergeConflictOutput(c.entityKind() == TableKind.EDGE ? EntityKind.EDGE : EntityKind.NODE, c.typeName(),
                c.entityId(), MergeConflictKind.fromWire(c.kind().wire()), c.message());
    }

    /**
     * Every diagnostic of a compile error, one per line as {@code file:line:col: message} (+ the hint), so clients
     * such as the review console can point at the place; the first line is the primary error.
     */
    static String diagnostics(io.omnigraph.compiler.diag.CompileException e) {
        StringBuilder sb = new StringBuilder();
        for (io.omnigraph.compiler.diag.Diagnostic d : e.diagnostics()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(d.headline());
            d.hint().ifPresent(h -> sb.append(" (hint: ").append(h).append(')'));
        }
        return sb.toString();
    }

    static Failure failure(EngineException e) {
        String m = e.getMessage();
        return switch (e) {
            case EngineException.NotFound f -> new Failure.NotFound(m);
            case EngineException.Reclaimed f -> new Failure.NotFound(m + "; pick a newer snapshot");
            case EngineException.KeyConflict f -> new Failure.KeyConflict(m, new KeyConflictOutput(
                    f.entityKind().filter("edge"::equals).isPresent() ? EntityKind.EDGE : EntityKind.NODE,
                    f.typeName().orElse(f.tableKey()), java.util.Optional.of(f.entityId())));
            case EngineException.ReadSetConflict f -> new Failure.ReadSetConflict(m,
                    new ReadSetConflictOutput(f.member(), f.expected(), f.actual()));
            case EngineException.Contention f -> new Failure.Conflict(m);
            case EngineException.Exists f -> new Failure.Conflict(m);
            case EngineException.PreconditionFailed f -> new Failure.PreconditionFailed(m,
                    new PreconditionFailureOutput(f.expected(), f.actual()));
            case EngineException.Invalid f -> new Failure.BadRequest(m);
            case EngineException.ConstraintViolation f -> new Failure.BadRequest(m);
            case EngineException.Compile f -> new Failure.BadRequest(diagnostics(f.compileException()));
            case EngineException.ResourceLimit f -> new Failure.ResourceLimit(m,
                    new ResourceLimitOutput(f.resource(), f.limit(), f.actual()));
            case EngineException.PolicyDenied f -> new Failure.PolicyDenied(m);
            case EngineException.Storage f -> new Failure.Internal(m);
            case EngineException.Corrupt f -> new Failure.Internal(m);
            case EngineException.FormatUnsupported f -> new Failure.Internal(m);
            case EngineException.MergeConflicts f -> new Failure.MergeConflicts(m, f.conflicts().stream()
                    .map(EngineFailures::conflict).toList());
            case EngineException.ChangeDiffRefused f -> new Failure.ChangeDiffRefused(m, new ChangeDiffRefusalOutput(
                    switch (f.reason()) {
                        case PARENTLESS_COMMIT -> ChangeDiffRefusalReason.PARENTLESS_COMMIT;
                        case SCHEMA_BOUNDARY -> ChangeDiffRefusalReason.SCHEMA_BOUNDARY;
                    }, f.commitId(), f.typeName()));
            case EngineException.ChangeFeedGap f -> new Failure.ChangeFeedGap(m, new ChangeFeedGapOutput(f.cursor(),
                    f.firstUnreadableCommitId()));
        };
    }
}
