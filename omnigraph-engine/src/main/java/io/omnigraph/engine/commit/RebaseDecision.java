package io.omnigraph.engine.commit;

import io.omnigraph.engine.error.EngineException;

import java.util.Objects;

/** A rebaser's answer: publish this (possibly adjusted) draft on the new head, or fail with a typed conflict. */
public sealed interface RebaseDecision permits RebaseDecision.Retry, RebaseDecision.Fail {

    static RebaseDecision retry(CommitDraft draft) {
        return new Retry(draft);
    }

    static RebaseDecision fail(EngineException error) {
        return new Fail(error);
    }

    record Retry(CommitDraft draft) implements RebaseDecision {
        public Retry {
            Objects.requireNonNull(draft);
        }
    }

    record Fail(EngineException error) implements RebaseDecision {
        public Fail {
            Objects.requireNonNull(error);
        }
    }
}
