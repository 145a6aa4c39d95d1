package io.omnigraph.cluster.diag;

/**
 * Every stable diagnostic code of the cluster control plane (spec §3.10), plus the few this implementation adds
 * ({@code state_lock_lost}, {@code state_lock_expired_taken_over}, {@code graph_engine_unavailable},
 * {@code approval_consume_failed}, {@code policy_binding_conflict}, {@code policy_binding_unknown},
 * {@code query_registry_invalid}). The wire form is {@link #code()}. Severity is decided where the diagnostic is
 * raised (some codes are warnings in one command and errors in another).
 */
public enum ClusterCode {
    CONFIG_DIR_NOT_FOUND("config_dir_not_found"),
    CLUSTER_CONFIG_READ_ERROR("cluster_config_read_error"),
    DUPLICATE_YAML_KEY("duplicate_yaml_key"),
    FUTURE_PHASE_FIELD("future_phase_field"),
    REMOVED_STREAMING_DECLARATION("removed_streaming_declaration"),
    INVALID_CLUSTER_YAML("invalid_cluster_yaml"),
    UNSUPPORTED_CLUSTER_CONFIG_VERSION("unsupported_cluster_config_version"),
    EMPTY_METADATA_NAME("empty_metadata_name"),
    UNSUPPORTED_STATE_BACKEND("unsupported_state_backend"),
    INVALID_STORAGE_ROOT("invalid_storage_root"),
    STORAGE_ROOT_INVALID("storage_root_invalid"),
    INVALID_RESOURCE_ID("invalid_resource_id"),
    INVALID_EMBEDDING_PROVIDER("invalid_embedding_provider"),
    EMBEDDING_API_KEY_INLINE("embedding_api_key_inline"),
    EMBEDDING_API_KEY_REQUIRED("embedding_api_key_required"),
    DANGLING_EMBEDDING_PROVIDER_REFERENCE("dangling_embedding_provider_reference"),
    WRONG_KIND_REFERENCE("wrong_kind_reference"),
    SCHEMA_FILE_MISSING("schema_file_missing"),
    SCHEMA_PARSE_ERROR("schema_parse_error"),
    SCHEMA_CATALOG_ERROR("schema_catalog_error"),
    QUERY_DIR_UNREADABLE("query_dir_unreadable"),
    QUERY_DIR_EMPTY("query_dir_empty"),
    QUERY_FILE_MISSING("query_file_missing"),
    QUERY_PARSE_ERROR("query_parse_error"),
    DUPLICATE_QUERY_NAME("duplicate_query_name"),
    QUERY_KEY_MISMATCH("query_key_mismatch"),
    QUERY_TYPECHECK_ERROR("query_typecheck_error"),
    QUERY_TYPECHECK_SKIPPED("query_typecheck_skipped"),
    POLICY_MISSING_APPLIES_TO("policy_missing_applies_to"),
    DANGLING_GRAPH_REFERENCE("dangling_graph_reference"),
    POLICY_MIXED_BINDING_KINDS("policy_mixed_binding_kinds"),
    DUPLICATE_POLICY_BINDING("duplicate_policy_binding"),
    POLICY_FILE_MISSING("policy_file_missing"),
    POLICY_INVALID("policy_invalid"),
    INVALID_EXTERNAL_BLOB_BASE("invalid_external_blob_base"),
    INVALID_EXTERNAL_BLOB_POLICY("invalid_external_blob_policy"),
    EXTERNAL_BLOB_INGRESS_DEFAULT_DENY("external_blob_ingress_default_deny"),
    STATE_MISSING("state_missing"),
    STATE_ALREADY_EXISTS("state_already_exists"),
    STATE_READ_ERROR("state_read_error"),
    INVALID_STATE_JSON("invalid_state_json"),
    UNSUPPORTED_STATE_VERSION("unsupported_state_version"),
    CONFLICTING_GRAPH_MANIFEST_OBSERVATION("conflicting_graph_manifest_observation"),
    STATE_WRITE_ERROR("state_write_error"),
    STATE_CAS_MISMATCH("state_cas_mismatch"),
    STATE_LOCK_HELD("state_lock_held"),
    STATE_LOCK_ERROR("state_lock_error"),
    STATE_LOCK_MISSING("state_lock_missing"),
    STATE_LOCK_READ_ERROR("state_lock_read_error"),
    STATE_LOCK_ID_MISMATCH("state_lock_id_mismatch"),
    INVALID_STATE_LOCK("invalid_state_lock"),
    UNSUPPORTED_STATE_LOCK_VERSION("unsupported_state_lock_version"),
    STATE_LOCK_DISABLED("state_lock_disabled"),
    STATE_LOCK_LOST("state_lock_lost"),
    STATE_LOCK_EXPIRED_TAKEN_OVER("state_lock_expired_taken_over"),
    EXTERNAL_BLOB_POLICY_DIGEST_MISMATCH("external_blob_policy_digest_mismatch"),
    APPLY_APPROVAL_INVARIANT_VIOLATION("apply_approval_invariant_violation"),
    RESOURCE_CONTENT_CHANGED("resource_content_changed"),
    RESOURCE_PAYLOAD_WRITE_ERROR("resource_payload_write_error"),
    GRAPH_CREATE_FAILED("graph_create_failed"),
    GRAPH_CREATE_SKIPPED("graph_create_skipped"),
    SCHEMA_APPLY_FAILED("schema_apply_failed"),
    SCHEMA_APPLY_SKIPPED("schema_apply_skipped"),
    GRAPH_DELETE_FAILED("graph_delete_failed"),
    GRAPH_DELETE_SKIPPED("graph_delete_skipped"),
    GRAPH_DELETE_EXPORT_IN_PROGRESS("graph_delete_export_in_progress"),
    RECOVERY_SIDECAR_WRITE_ERROR("recovery_sidecar_write_error"),
    RECOVERY_SIDECAR_READ_ERROR("recovery_sidecar_read_error"),
    INVALID_RECOVERY_SIDECAR("invalid_recovery_sidecar"),
    UNSUPPORTED_RECOVERY_SIDECAR_VERSION("unsupported_recovery_sidecar_version"),
    RECOVERY_SIDECAR_CLEANUP_FAILED("recovery_sidecar_cleanup_failed"),
    CLUSTER_RECOVERY_PENDING("cluster_recovery_pending"),
    CLUSTER_RECOVERY_ROLLED_FORWARD("cluster_recovery_rolled_forward"),
    GRAPH_CREATE_INCOMPLETE("graph_create_incomplete"),
    GRAPH_DELETE_INCOMPLETE("graph_delete_incomplete"),
    APPLY_UNSUPPORTED_CHANGE("apply_unsupported_change"),
    APPLY_DEPENDENCY_BLOCKED("apply_dependency_blocked"),
    SCHEMA_PREVIEW_UNAVAILABLE("schema_preview_unavailable"),
    GRAPH_OBSERVATION_ERROR("graph_observation_error"),
    INJECTED_FAILPOINT("injected_failpoint"),
    GRAPH_ENGINE_UNAVAILABLE("graph_engine_unavailable"),
    APPROVAL_NOT_REQUIRED("approval_not_required"),
    APPROVAL_WRITE_ERROR("approval_write_error"),
    APPROVAL_STALE("approval_stale"),
    APPROVAL_READ_ERROR("approval_read_error"),
    INVALID_APPROVAL_ARTIFACT("invalid_approval_artifact"),
    UNSUPPORTED_APPROVAL_VERSION("unsupported_approval_version"),
    APPROVAL_CONSUME_FAILED("approval_consume_failed"),
    CATALOG_PAYLOAD_MISSING("catalog_payload_missing"),
    CATALOG_PAYLOAD_MISMATCH("catalog_payload_mismatch"),
    CATALOG_PAYLOAD_READ_ERROR("catalog_payload_read_error"),
    CATALOG_PAYLOAD_DIGEST_MISMATCH("catalog_payload_digest_mismatch"),
    CLUSTER_STATE_MISSING("cluster_state_missing"),
    CLUSTER_EMPTY("cluster_empty"),
    CLUSTER_NO_HEALTHY_GRAPHS("cluster_no_healthy_graphs"),
    CLUSTER_RECOVERY_UNATTRIBUTED("cluster_recovery_unattributed"),
    POLICY_BINDINGS_MISSING("policy_bindings_missing"),
    POLICY_BINDING_CONFLICT("policy_binding_conflict"),
    POLICY_BINDING_UNKNOWN("policy_binding_unknown"),
    QUERY_REGISTRY_INVALID("query_registry_invalid"),
    EMBEDDING_PROVIDER_PROFILE_MISSING("embedding_provider_profile_missing"),
    EMBEDDING_PROVIDER_DIGEST_MISMATCH("embedding_provider_digest_mismatch"),
    EMBEDDING_PROVIDER_MISSING("embedding_provider_missing"),
    GRAPH_NOT_APPLIED("graph_not_applied");

    private final String code;

    ClusterCode(String code) {
        this.code = code;
    }

    /** The stable snake_case code. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
