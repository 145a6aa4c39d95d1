package io.omnigraph.server.cluster;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.merge.MergeConflictKind;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.DecisionBasis;
import io.omnigraph.policy.gate.GateScope;
import io.omnigraph.policy.gate.PolicyDeniedException;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.port.Failure;
import io.omnigraph.storage.StoreException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every engine error maps to the server failure (and so the HTTP status) of cluster-server.md §4.6. */
class EngineFailuresTest {
    static Failure f(EngineException e) {
        return EngineFailures.map(e).failure();
    }

    @Test
    void mapping() {
        assertThat(f(new EngineException.NotFound("branch", "x"))).isInstanceOf(Failure.NotFound.class);
        assertThat(f(new EngineException.Reclaimed("c1", List.of("segments/t/s.parquet")))).isInstanceOf(Failure.NotFound.class);
        Failure key = f(new EngineException.KeyConflict("t1", "ada").withType("Person", "node"));
        assertThat(key).isInstanceOf(Failure.KeyConflict.class);
        assertThat(((Failure.KeyConflict) key).detail().entityKind()).isEqualTo(EntityKind.NODE);
        assertThat(((Failure.KeyConflict) key).detail().typeName()).isEqualTo("Person");
        assertThat(((Failure.KeyConflict) key).detail().entityId()).contains("ada");
        Failure edge = f(new EngineException.KeyConflict("t2", "e1").withType("Knows", "edge"));
        assertThat(((Failure.KeyConflict) edge).detail().entityKind()).isEqualTo(EntityKind.EDGE);
        assertThat(f(new EngineException.ReadSetConflict("refs/branches/main", "a", "b", "moved")))
                .isInstanceOf(Failure.ReadSetConflict.class);
        assertThat(f(new EngineException.Contention("main", 9))).isInstanceOf(Failure.Conflict.class);
        assertThat(f(new EngineException.Exists(EngineErrorCode.BRANCH_EXISTS, "b", "exists"))).isInstanceOf(Failure.Conflict.class);
        Failure pre = f(new EngineException.PreconditionFailed("main", "c1", "c2"));
        assertThat(((Failure.PreconditionFailed) pre).detail().expected()).isEqualTo("c1");
        assertThat(((Failure.PreconditionFailed) pre).detail().actual()).contains("c2");
        assertThat(f(new EngineException.Invalid(EngineErrorCode.INVALID_BRANCH_NAME, "..", "bad"))).isInstanceOf(Failure.BadRequest.class);
        assertThat(f(new EngineException.ConstraintViolation("enum", "Person", "a", "bad enum"))).isInstanceOf(Failure.BadRequest.class);
        Failure limit = f(new EngineException.ResourceLimit("keyed_write_rows", 8192, 8193, "too many"));
        assertThat(((Failure.ResourceLimit) limit).detail().limit()).isEqualTo(8192);
        assertThat(f(new EngineException.PolicyDenied(new PolicyDeniedException(new Decision(false, Optional.empty(),
                "policy denied", DecisionBasis.POLICY), Action.CHANGE, GateScope.onBranch("main")))))
                .isInstanceOf(Failure.PolicyDenied.class);
        assertThat(f(new EngineException.Storage(new StoreException.Transient("k", "slow down", null))))
                .isInstanceOf(Failure.Internal.class);
        assertThat(f(new EngineException.Corrupt("k", "bad", null))).isInstanceOf(Failure.Internal.class);
        assertThat(f(new EngineException.FormatUnsupported("x", 9, "format 9"))).isInstanceOf(Failure.Internal.class);
        assertThat(EngineFailures.map(new StoreException.Permanent("k", "disk", null)).failure()).isInstanceOf(Failure.Internal.class);
        Failure merge = f(new EngineException.MergeConflicts("a", "main", List.of(MergeConflict.validation(
                MergeConflictKind.ORPHAN_EDGE, TableKind.EDGE, "Knows", "t9", Optional.of("e1"), List.of(), "orphan"))));
        assertThat(((Failure.MergeConflicts) merge).conflicts().get(0).kind()).isEqualTo(
                io.omnigraph.server.api.MergeConflictKind.ORPHAN_EDGE);
        assertThat(((Failure.MergeConflicts) merge).conflicts().get(0).entityKind()).isEqualTo(EntityKind.EDGE);
        Failure refusal = f(new EngineException.ChangeDiffRefused(EngineException.ChangeDiffRefused.Reason.SCHEMA_BOUNDARY,
                "c1", Optional.of("Person"), "schema changed"));
        assertThat(((Failure.ChangeDiffRefused) refusal).detail().reason())
                .isEqualTo(io.omnigraph.server.api.ChangeDiffRefusalReason.SCHEMA_BOUNDARY);
        Failure gap = f(new EngineException.ChangeFeedGap(Optional.of("cur"), "c7"));
        assertThat(((Failure.ChangeFeedGap) gap).detail().firstUnreadableCommitId()).isEqualTo("c7");
    }
}
