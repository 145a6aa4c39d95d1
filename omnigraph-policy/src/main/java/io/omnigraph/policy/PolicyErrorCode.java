package io.omnigraph.policy;

/**
 * Stable error codes of the policy layer. The cluster surfaces every bundle problem as {@code policy_invalid} and
 * carries one of these codes in the message; the CLI prints them verbatim.
 */
public enum PolicyErrorCode {
    // --- file level
    YAML_SYNTAX("policy_yaml_syntax"),
    EMPTY_FILE("policy_empty_file"),
    UNKNOWN_KEY("policy_unknown_key"),
    DUPLICATE_KEY("policy_duplicate_key"),
    WRONG_TYPE("policy_wrong_type"),
    MISSING_KEY("policy_missing_key"),
    UNSUPPORTED_VERSION("policy_unsupported_version"),
    // --- groups and branches
    BLANK_GROUP_NAME("policy_blank_group_name"),
    EMPTY_GROUP("policy_empty_group"),
    BLANK_ACTOR("policy_blank_actor"),
    BLANK_PROTECTED_BRANCH("policy_blank_protected_branch"),
    // --- rules
    BLANK_RULE_ID("policy_blank_rule_id"),
    DUPLICATE_RULE_ID("policy_duplicate_rule_id"),
    UNKNOWN_GROUP("policy_unknown_group"),
    UNKNOWN_ACTION("policy_unknown_action"),
    EMPTY_ACTIONS("policy_empty_actions"),
    UNKNOWN_SCOPE("policy_unknown_scope"),
    BOTH_SCOPES("policy_both_scopes"),
    SCOPE_NOT_APPLICABLE("policy_scope_not_applicable"),
    MIXED_SERVER_AND_GRAPH_ACTIONS("policy_mixed_server_and_graph_actions"),
    INVALID_QUERIES("policy_invalid_queries"),
    // --- kind alignment (graph bundle vs server bundle)
    SERVER_ACTION_IN_GRAPH_BUNDLE("policy_server_action_in_graph_bundle"),
    GRAPH_ACTION_IN_SERVER_BUNDLE("policy_graph_action_in_server_bundle"),
    // --- test files
    DUPLICATE_CASE_ID("policy_duplicate_case_id"),
    BLANK_CASE_ID("policy_blank_case_id"),
    INVALID_EXPECT("policy_invalid_expect"),
    // --- compilation / evaluation (a bug in the compiler or the engine, never the user's input)
    CEDAR_VALIDATION_FAILED("policy_cedar_validation_failed"),
    CEDAR_EVALUATION_FAILED("policy_cedar_evaluation_failed");

    private final String code;

    PolicyErrorCode(String code) {
        this.code = code;
    }

    /** The snake_case code shown to users. */
    public String code() {
        return code;
    }
}
