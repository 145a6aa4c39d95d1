package io.omnigraph.engine.error;

import io.omnigraph.storage.StoreException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The only exception type the engine's public API throws. Sealed, so the server can map every case to an HTTP status
 * with an exhaustive switch; every case carries a stable {@link EngineErrorCode} and structured {@link #details()}.
 */
public abstract sealed class EngineException extends RuntimeException
        permits EngineException.NotFound, EngineException.KeyConflict, EngineException.ReadSetConflict,
        EngineException.Contention, EngineException.PreconditionFailed, EngineException.FormatUnsupported,
        EngineException.Corrupt, EngineException.Invalid, EngineException.Exists, EngineException.Reclaimed,
        EngineException.Storage, EngineException.ConstraintViolation, EngineException.ResourceLimit,
        EngineException.PolicyDenied, EngineException.Compile, EngineException.MergeConflicts,
        EngineException.ChangeDiffRefused, EngineException.ChangeFeedGap {

    private final EngineErrorCode code;

    protected EngineException(EngineErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public EngineErrorCode code() {
        return code;
    }

    /** Structured fields for machine consumers (JSON error bodies). Never null; insertion-ordered. */
    public abstract Map<String, Object> details();

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A branch, commit, schema, table or segment that does not exist. {@code kind} is e.g. "branch", "commit". */
    public static final class NotFound extends EngineException {
        private final String kind;
        private final String id;

        public NotFound(String kind, String id) {
            super(EngineErrorCode.NOT_FOUND, kind + " '" + id + "' not found", null);
            this.kind = kind;
            this.id = id;
        }

        public String kind() {
            return kind;
        }

        public String id() {
            return id;
        }

        @Override
        public Map<String, Object> details() {
            return map("kind", kind, "id", id);
        }
    }

    /** A strict insert met an id that exists (at preparation or because a concurrent writer inserted it). */
    public static final class KeyConflict extends EngineException {
        private final String tableKey;
        private final String entityId;

        private final String typeName;
        private final String entityKind;

        public KeyConflict(String tableKey, String entityId) {
            super(EngineErrorCode.KEY_CONFLICT, "id '" + entityId + "' already exists in table '" + tableKey
                    + "' (a strict insert never overwrites; use merge/upsert to replace)", null);
            this.tableKey = tableKey;
            this.entityId = entityId;
            this.typeName = null;
            this.entityKind = null;
        }

        /** A key conflict naming the type: {@code entityKind} is {@code node} or {@code edge}. */
        public KeyConflict(String tableKey, String entityId, String typeName, String entityKind, String message) {
            super(EngineErrorCode.KEY_CONFLICT, message, null);
            this.tableKey = tableKey;
            this.entityId = entityId;
            this.typeName = typeName;
            this.entityKind = entityKind;
        }

        /** The same conflict described with the type it happened in. */
        public KeyConflict withType(String typeName, String entityKind) {
            return new KeyConflict(tableKey, entityId, typeName, entityKind, entityKind + " " + typeName + " id '"
                    + entityId + "' already exists (a strict insert never overwrites; use merge/upsert to replace)");
        }

        public Optional<String> typeName() {
            return Optional.ofNullable(typeName);
        }

        /** {@code node} or {@code edge}, when known. */
        public Optional<String> entityKind() {
            return Optional.ofNullable(entityKind);
        }

        public String tableKey() {
            return tableKey;
        }

        public String entityId() {
            return entityId;
        }

        @Override
        public Map<String, Object> details() {
            return map("table_key", tableKey, "entity_kind", entityKind, "type_name", typeName, "entity_id", entityId);
        }
    }

    /** Data this write read or rewrote was changed by a concurrent commit; re-read and retry. */
    public static final class ReadSetConflict extends EngineException {
        private final String member;
        private final String expected;
        private final String actual;

        public ReadSetConflict(String member, String expected, String actual, String message) {
            super(EngineErrorCode.READ_SET_CONFLICT, message, null);
            this.member = member;
            this.expected = expected;
            this.actual = actual;
        }

        public String member() {
            return member;
        }

        public Optional<String> expected() {
            return Optional.ofNullable(expected);
        }

        public Optional<String> actual() {
            return Optional.ofNullable(actual);
        }

        @Override
        public Map<String, Object> details() {
            return map("member", member, "expected", expected, "actual", actual);
        }
    }

    /** The ref compare-and-swap was lost more often than the retry budget; nothing was published. */
    public static final class Contention extends EngineException {
        private final String branch;
        private final int attempts;

        public Contention(String branch, int attempts) {
            super(EngineErrorCode.PUBLISH_CONTENTION, "branch '" + branch + "' kept moving: publish gave up after "
                    + attempts + " attempts; nothing was published, retry later", null);
            this.branch = branch;
            this.attempts = attempts;
        }

        public String branch() {
            return branch;
        }

        public int attempts() {
            return attempts;
        }

        @Override
        public Map<String, Object> details() {
            return map("branch", branch, "attempts", attempts);
        }
    }

    /** An explicit head precondition ({@code --if-commit}) did not hold. Never retried. */
    public static final class PreconditionFailed extends EngineException {
        private final String branch;
        private final String expected;
        private final String actual;

        public PreconditionFailed(String branch, String expected, String actual) {
            super(EngineErrorCode.PRECONDITION_FAILED, "branch '" + branch + "' head is "
                    + (actual == null ? "absent" : "'" + actual + "'") + ", expected '" + expected + "'", null);
            this.branch = branch;
            this.expected = expected;
            this.actual = actual;
        }

        public String branch() {
            return branch;
        }

        public String expected() {
            return expected;
        }

        public Optional<String> actual() {
            return Optional.ofNullable(actual);
        }

        @Override
        public Map<String, Object> details() {
            return map("branch", branch, "expected", expected, "actual", actual);
        }
    }

    /** The root is not a graph of the storage format this build serves. */
    public static final class FormatUnsupported extends EngineException {
        private final String location;
        private final Integer found;

        public FormatUnsupported(String location, Integer found, String message) {
            super(EngineErrorCode.FORMAT_UNSUPPORTED, message, null);
            this.location = location;
            this.found = found;
        }

        public Optional<Integer> found() {
            return Optional.ofNullable(found);
        }

        @Override
        public Map<String, Object> details() {
            return map("location", location, "found_format_version", found);
        }
    }

    /** A stored object is unreadable or violates the format. */
    public static final class Corrupt extends EngineException {
        private final String key;

        public Corrupt(String key, String message, Throwable cause) {
            super(EngineErrorCode.CORRUPT_OBJECT, "corrupt object '" + key + "': " + message, cause);
            this.key = key;
        }

        public String key() {
            return key;
        }

        @Override
        public Map<String, Object> details() {
            return map("key", key);
        }
    }

    /** Bad input from a caller: invalid branch name, reserved branch, non-empty root, bad argument. */
    public static final class Invalid extends EngineException {
        private final String subject;

        public Invalid(EngineErrorCode code, String subject, String message) {
            super(code, message, null);
            this.subject = subject;
        }

        public String subject() {
            return subject;
        }

        @Override
        public Map<String, Object> details() {
            return map("subject", subject);
        }
    }

    /** Something to be created already exists (branch, graph). */
    public static final class Exists extends EngineException {
        private final String subject;

        public Exists(EngineErrorCode code, String subject, String message) {
            super(code, message, null);
            this.subject = subject;
        }

        public String subject() {
            return subject;
        }

        @Override
        public Map<String, Object> details() {
            return map("subject", subject);
        }
    }

    /** The segments of a historical commit were reclaimed by cleanup. */
    public static final class Reclaimed extends EngineException {
        private final String commitId;
        private final List<String> missing;

        public Reclaimed(String commitId, List<String> missing) {
            super(EngineErrorCode.HISTORICAL_VERSION_RECLAIMED, "the data of commit '" + commitId
                    + "' was reclaimed by cleanup (missing " + missing.size() + " segment(s), e.g. " + missing.get(0) + ")", null);
            this.commitId = commitId;
            this.missing = List.copyOf(missing);
        }

        public String commitId() {
            return commitId;
        }

        @Override
        public Map<String, Object> details() {
            return map("commit_id", commitId, "missing", missing);
        }
    }

    /** The object store failed; {@link #transientFailure()} tells whether a retry may help. */
    public static final class Storage extends EngineException {
        private final StoreException store;

        public Storage(StoreException cause) {
            super(cause instanceof StoreException.Transient ? EngineErrorCode.STORAGE_TRANSIENT : EngineErrorCode.STORAGE_FAILURE,
                    "storage failure: " + cause.getMessage(), cause);
            this.store = cause;
        }

        public StoreException storeException() {
            return store;
        }

        public boolean transientFailure() {
            return store instanceof StoreException.Transient;
        }

        @Override
        public Map<String, Object> details() {
            return map("storage_code", store.code().code(), "key", store.key());
        }
    }

    /**
     * Data that would violate the schema's integrity rules (enum, {@code @range}, {@code @check}, {@code @unique},
     * referential integrity, {@code @card}). {@code rule} is {@code enum|range|check|unique|reference|cardinality}.
     */
    public static final class ConstraintViolation extends EngineException {
        private final String rule;
        private final String typeName;
        private final String entityId;

        public ConstraintViolation(String rule, String typeName, String entityId, String message) {
            super(EngineErrorCode.CONSTRAINT_VIOLATION, message, null);
            this.rule = Objects.requireNonNull(rule);
            this.typeName = Objects.requireNonNull(typeName);
            this.entityId = entityId;
        }

        public String rule() {
            return rule;
        }

        public String typeName() {
            return typeName;
        }

        public Optional<String> entityId() {
            return Optional.ofNullable(entityId);
        }

        @Override
        public Map<String, Object> details() {
            return map("rule", rule, "type_name", typeName, "entity_id", entityId);
        }
    }

    /** A request over an explicit ceiling (HTTP 413 {@code resource_limit}): split the input. */
    public static final class ResourceLimit extends EngineException {
        private final String resource;
        private final long limit;
        private final long actual;

        public ResourceLimit(String resource, long limit, long actual, String message) {
            super(EngineErrorCode.RESOURCE_LIMIT, message, null);
            this.resource = Objects.requireNonNull(resource);
            this.limit = limit;
            this.actual = actual;
        }

        public String resource() {
            return resource;
        }

        public long limit() {
            return limit;
        }

        public long actual() {
            return actual;
        }

        @Override
        public Map<String, Object> details() {
            return map("resource", resource, "limit", limit, "actual", actual);
        }
    }

    /**
     * The installed policy gate refused the operation. {@link #denial()} carries the decision (basis, matched rule) so
     * the server can tell 401 from 403.
     */
    public static final class PolicyDenied extends EngineException {
        private final io.omnigraph.policy.gate.PolicyDeniedException denial;

        public PolicyDenied(io.omnigraph.policy.gate.PolicyDeniedException denial) {
            super(EngineErrorCode.POLICY_DENIED, denial.getMessage(), denial);
            this.denial = denial;
        }

        public io.omnigraph.policy.gate.PolicyDeniedException denial() {
            return denial;
        }

        @Override
        public Map<String, Object> details() {
            return map("policy_code", denial.code(), "action", denial.action().wireName());
        }
    }

    /**
     * A schema or query that does not compile (parse, catalog or type errors). The compiler diagnostics (file, line,
     * column, code, hint) are in {@link #compileException()}; the message is the first diagnostic's.
     */
    public static final class Compile extends EngineException {
        private final io.omnigraph.compiler.diag.CompileException compile;

        public Compile(EngineErrorCode code, io.omnigraph.compiler.diag.CompileException compile) {
            super(code, compile.getMessage(), compile);
            this.compile = compile;
        }

        public io.omnigraph.compiler.diag.CompileException compileException() {
            return compile;
        }

        @Override
        public Map<String, Object> details() {
            return map("diagnostic_code", compile.first().code().code());
        }
    }

    /**
     * A merge stopped before publishing: row conflicts (divergent insert / update, delete vs update) across all
     * tables, or integrity violations of the merged result (orphan edge, unique, cardinality, value constraint).
     * The target branch is unchanged. The list is complete and ordered (row conflicts first, then by type and id).
     */
    public static final class MergeConflicts extends EngineException {
        private final String source;
        private final String target;
        private final List<io.omnigraph.engine.merge.MergeConflict> conflicts;

        public MergeConflicts(String source, String target, List<io.omnigraph.engine.merge.MergeConflict> conflicts) {
            super(EngineErrorCode.MERGE_CONFLICTS, message(source, target, conflicts), null);
            this.source = source;
            this.target = target;
            this.conflicts = List.copyOf(conflicts);
        }

        private static String message(String source, String target, List<io.omnigraph.engine.merge.MergeConflict> cs) {
            StringBuilder sb = new StringBuilder("merge of '" + source + "' into '" + target + "' has " + cs.size()
                    + " conflict" + (cs.size() == 1 ? "" : "s") + "; nothing was published: ");
            for (int i = 0; i < Math.min(3, cs.size()); i++) {
                sb.append(i == 0 ? "" : "; ").append(cs.get(i).message());
            }
            if (cs.size() > 3) {
                sb.append("; and ").append(cs.size() - 3).append(" more");
            }
            return sb.toString();
        }

        public String source() {
            return source;
        }

        public String target() {
            return target;
        }

        public List<io.omnigraph.engine.merge.MergeConflict> conflicts() {
            return conflicts;
        }

        @Override
        public Map<String, Object> details() {
            return map("source", source, "target", target, "conflicts", conflicts.size());
        }
    }

    /** An entity diff of a commit is refused: genesis has no parent, or a schema change rewrote or dropped data. */
    public static final class ChangeDiffRefused extends EngineException {
        /** Wire reasons of {@code change_diff_refusal}. */
        public enum Reason {
            PARENTLESS_COMMIT("parentless_commit"), SCHEMA_BOUNDARY("schema_boundary");

            private final String wire;

            Reason(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }
        }

        private final Reason reason;
        private final String commitId;
        private final String typeName;

        public ChangeDiffRefused(Reason reason, String commitId, Optional<String> typeName, String message) {
            super(EngineErrorCode.CHANGE_DIFF_REFUSAL, message, null);
            this.reason = reason;
            this.commitId = commitId;
            this.typeName = typeName.orElse(null);
        }

        public Reason reason() {
            return reason;
        }

        public String commitId() {
            return commitId;
        }

        public Optional<String> typeName() {
            return Optional.ofNullable(typeName);
        }

        @Override
        public Map<String, Object> details() {
            return map("reason", reason.wire(), "graph_commit_id", commitId, "type_name", typeName);
        }
    }

    /** The change feed cannot continue from a cursor because cleanup reclaimed data it needs; run a baseline. */
    public static final class ChangeFeedGap extends EngineException {
        private final String cursor;
        private final String firstUnreadableCommitId;

        public ChangeFeedGap(Optional<String> cursor, String firstUnreadableCommitId) {
            super(EngineErrorCode.CHANGE_FEED_GAP, "change feed gap: the data of commit '" + firstUnreadableCommitId
                    + "' was reclaimed by cleanup, so the feed cannot continue from this position; run `changes baseline` "
                    + "and resume from its cursor", null);
            this.cursor = cursor.orElse(null);
            this.firstUnreadableCommitId = firstUnreadableCommitId;
        }

        public Optional<String> cursor() {
            return Optional.ofNullable(cursor);
        }

        public String firstUnreadableCommitId() {
            return firstUnreadableCommitId;
        }

        @Override
        public Map<String, Object> details() {
            return map("cursor", cursor, "first_unreadable_commit_id", firstUnreadableCommitId);
        }
    }
}
