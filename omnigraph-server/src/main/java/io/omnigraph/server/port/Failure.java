package io.omnigraph.server.port;

import io.omnigraph.server.error.ChangeDiffRefusalOutput;
import io.omnigraph.server.error.ChangeFeedGapOutput;
import io.omnigraph.server.error.ExternalBlobSourceOutput;
import io.omnigraph.server.error.KeyConflictOutput;
import io.omnigraph.server.error.MergeConflictOutput;
import io.omnigraph.server.error.PreconditionFailureOutput;
import io.omnigraph.server.error.PublishedDatasetVersionConflictOutput;
import io.omnigraph.server.error.ReadSetConflictOutput;
import io.omnigraph.server.error.RecoveryRequiredOutput;
import io.omnigraph.server.error.ResourceLimitOutput;

import java.util.List;
import java.util.Objects;

/**
 * Every way a backend operation can fail, in server terms (cluster-server spec §4.6). The server maps each variant
 * to exactly one HTTP status and error body; backends never choose status codes. {@code message} is user-facing:
 * it names the place and the fix and never contains a stack trace.
 */
public sealed interface Failure {
    String message();

    /** Invalid input: compile/type errors, unknown parameter, bad value, query execution error (400). */
    record BadRequest(String message) implements Failure {
        public BadRequest {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A named thing does not exist: branch, snapshot, type, blob (404). */
    record NotFound(String message) implements Failure {
        public NotFound {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A conflict without structured detail, e.g. branch already exists (409). */
    record Conflict(String message) implements Failure {
        public Conflict {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Publisher compare-and-swap lost against a newer dataset version (409). */
    record DatasetVersionConflict(String message, PublishedDatasetVersionConflictOutput detail) implements Failure {
        public DatasetVersionConflict {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A prepared write's read set changed before its effects (409). */
    record ReadSetConflict(String message, ReadSetConflictOutput detail) implements Failure {
        public ReadSetConflict {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A merge stopped on conflicts (409); the list is never empty. */
    record MergeConflicts(String message, List<MergeConflictOutput> conflicts) implements Failure {
        public MergeConflicts {
            Objects.requireNonNull(message, "message");
            conflicts = List.copyOf(conflicts);
            if (conflicts.isEmpty()) {
                throw new IllegalArgumentException("MergeConflicts needs at least one conflict");
            }
        }
    }

    /** A strict keyed insert hit an existing id (409). */
    record KeyConflict(String message, KeyConflictOutput detail) implements Failure {
        public KeyConflict {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A commit entity diff cannot be produced (parentless commit, schema boundary) (409). */
    record ChangeDiffRefused(String message, ChangeDiffRefusalOutput detail) implements Failure {
        public ChangeDiffRefused {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The request exceeds an explicit ceiling and must be split (413). */
    record ResourceLimit(String message, ResourceLimitOutput detail) implements Failure {
        public ResourceLimit {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The engine-layer policy check refused the write (403). */
    record PolicyDenied(String message) implements Failure {
        public PolicyDenied {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The {@code Omnigraph-If-Graph-Commit} precondition no longer holds; nothing was written (412). */
    record PreconditionFailed(String message, PreconditionFailureOutput detail) implements Failure {
        public PreconditionFailed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A change continuation can no longer be reconstructed; recover via a baseline (410). */
    record ChangeFeedGap(String message, ChangeFeedGapOutput detail) implements Failure {
        public ChangeFeedGap {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** An external Blob URI is refused by the graph's external-blob policy (400). */
    record ExternalBlobRefused(String message) implements Failure {
        public ExternalBlobRefused {
            Objects.requireNonNull(message, "message");
        }
    }

    /** An allowed external Blob source could not be probed or read (424). */
    record ExternalBlobUnavailable(String message, ExternalBlobSourceOutput detail) implements Failure {
        public ExternalBlobUnavailable {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** An interrupted operation must be recovered before this one can run (503). */
    record RecoveryRequired(String message, RecoveryRequiredOutput detail) implements Failure {
        public RecoveryRequired {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The graph cannot serve right now (closing, overloaded storage) (503). */
    record Unavailable(String message) implements Failure {
        public Unavailable {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Storage failure, I/O error, integrity violation — not the caller's fault (500). */
    record Internal(String message) implements Failure {
        public Internal {
            Objects.requireNonNull(message, "message");
        }
    }
}
