package io.omnigraph.engine.error;

/**
 * Stable error codes of the engine layer (snake_case, shown to users and mapped to HTTP by the server, see
 * {@code docs/storage-format.md} and engine.md Appendix A).
 */
public enum EngineErrorCode {
    /** A branch, commit, schema, table or segment that does not exist (HTTP 404). */
    NOT_FOUND("not_found"),
    /** A strict insert met an existing id (HTTP 409 {@code key_conflict}). */
    KEY_CONFLICT("key_conflict"),
    /** Something this write read or depends on changed concurrently (HTTP 409 {@code read_set_conflict}). */
    READ_SET_CONFLICT("read_set_conflict"),
    /** The publish lost the ref compare-and-swap more often than the retry budget allows (HTTP 409). */
    PUBLISH_CONTENTION("publish_contention"),
    /** {@code --if-commit} did not match the branch head (HTTP 412 {@code precondition_failure}). */
    PRECONDITION_FAILED("precondition_failed"),
    /** The graph was written by a newer or older storage format, or is not a graph at all. */
    FORMAT_UNSUPPORTED("format_unsupported"),
    /** A stored object cannot be parsed or violates the format (HTTP 500). */
    CORRUPT_OBJECT("corrupt_object"),
    /** A branch name is empty, malformed or internal. */
    INVALID_BRANCH_NAME("invalid_branch_name"),
    /** {@code main} cannot be created or deleted. */
    BRANCH_RESERVED("branch_reserved"),
    /** A branch with that name already exists. */
    BRANCH_EXISTS("branch_exists"),
    /** {@code init} on a root that already holds a graph. */
    GRAPH_EXISTS("graph_exists"),
    /** {@code init} on a root that holds objects that are not a graph. */
    ROOT_NOT_EMPTY("root_not_empty"),
    /** A graph root whose {@code init} did not finish (stamp present, main ref missing). */
    INIT_INCOMPLETE("init_incomplete"),
    /** A caller passed a value the engine cannot accept (bad table key, column mismatch, bad draft). */
    INVALID_ARGUMENT("invalid_argument"),
    /** The data of a historical commit was reclaimed by cleanup. */
    HISTORICAL_VERSION_RECLAIMED("historical_version_reclaimed"),
    /** Bad input data: an NDJSON line, a parameter, an option value (HTTP 400). */
    INVALID_INPUT("invalid_input"),
    /** A write would break an integrity rule of the schema (HTTP 400). */
    CONSTRAINT_VIOLATION("constraint_violation"),
    /** A request over an explicit ceiling (HTTP 413 {@code resource_limit}). */
    RESOURCE_LIMIT("resource_limit"),
    /** The policy gate refused (HTTP 401/403). */
    POLICY_DENIED("policy_denied"),
    /** A {@code .gq} query that does not parse or typecheck (HTTP 400). */
    QUERY_ERROR("query_error"),
    /** A {@code .pg} schema that does not compile (HTTP 400). */
    SCHEMA_ERROR("schema_error"),
    /** A schema migration the planner cannot apply (unsupported step), refused before anything changes. */
    SCHEMA_UNSUPPORTED("schema_migration_unsupported"),
    /** Schema apply refused because non-main branches exist (the schema is graph-wide). */
    SCHEMA_APPLY_BLOCKED("schema_apply_blocked"),
    /** A merge found conflicting changes or integrity violations; nothing was published (HTTP 409 {@code merge_conflicts}). */
    MERGE_CONFLICTS("merge_conflicts"),
    /** Source and target of a merge have different schemas (merges never reconcile schema). */
    SCHEMA_MISMATCH("schema_mismatch"),
    /** A well-formed entity-diff request this commit cannot satisfy (HTTP 409 {@code change_diff_refusal}). */
    CHANGE_DIFF_REFUSAL("change_diff_refusal"),
    /** Retained history can no longer reconstruct a change continuation (HTTP 410 {@code change_feed_gap}). */
    CHANGE_FEED_GAP("change_feed_gap"),
    /** A change-feed cursor or page token that is malformed or bound to another scope (HTTP 400). */
    CHANGE_CURSOR_REJECTED("change_cursor_rejected"),
    /** The object store failed in a way retrying may fix (throttling, 5xx, timeouts). */
    STORAGE_TRANSIENT("storage_transient"),
    /** The object store failed permanently (configuration, permissions, I/O). */
    STORAGE_FAILURE("storage_failure"),

    // --- read-query execution (io.omnigraph.engine.query; owned by the query layer). Also used there:
    // query_error (compile errors, EngineException.Compile), invalid_input (parameters, wrong query kind),
    // resource_limit (intermediate rows, EngineException.ResourceLimit).
    /** The named query is not in the given source; the message lists the queries that are. */
    UNKNOWN_QUERY("unknown_query"),
    /** Search predicates and rankings are not available (only when a caller installs {@code Ranker.unavailable()}). */
    SEARCH_UNAVAILABLE("search_unavailable"),

    // --- embeddings (io.omnigraph.engine.embed; docs/search.md §6)
    /** A text needs embedding (a String {@code nearest} query, an {@code @embed} target to fill) but no embedder is installed. */
    EMBEDDING_NOT_CONFIGURED("embedding_not_configured"),
    /** The embedding provider configuration is unusable: unknown kind, missing {@code ${NAME}} environment variable. */
    EMBEDDING_CONFIG_INVALID("embedding_config_invalid"),
    /** The property's {@code @embed(model=…)} differs from the installed embedder's model. */
    EMBEDDING_MODEL_MISMATCH("embedding_model_mismatch"),
    /** The embedding provider failed (HTTP error after retries, deadline, malformed or invalid vectors). */
    EMBEDDING_FAILED("embedding_failed");

    private final String code;

    EngineErrorCode(String code) {
        this.code = code;
    }

    /** The snake_case code shown to users. */
    public String code() {
        return code;
    }
}
