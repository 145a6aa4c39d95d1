package io.omnigraph.compiler.diag;

/**
 * Every diagnostic the compiler layer can produce. Each value has a stable code (snake_case, or {@code T1}…{@code T24}
 * for the typecheck errors of the language spec §2.8) and the phase that decides its message prefix.
 * Codes never change meaning once published; new situations get new values.
 */
public enum CompilerErrorCode {
    // ---- parse phase: grammar ---------------------------------------------------------------------------------
    /** The text does not match the grammar. */
    SYNTAX("syntax", Phase.PARSE),
    /** A string literal uses an escape other than {@code \" \\ \n \r \t}. */
    UNSUPPORTED_ESCAPE("unsupported_escape", Phase.PARSE),
    /** A number literal does not fit (integers are 64-bit; vector dimensions 31-bit). */
    NUMBER_OUT_OF_RANGE("number_out_of_range", Phase.PARSE),

    // ---- parse phase: schema shape (the original reports these as parse errors) --------------------------------
    DUPLICATE_ANNOTATION("duplicate_annotation", Phase.PARSE),
    MISPLACED_ANNOTATION("misplaced_annotation", Phase.PARSE),
    INVALID_ANNOTATION("invalid_annotation", Phase.PARSE),
    INVALID_CONSTRAINT("invalid_constraint", Phase.PARSE),
    UNKNOWN_CONSTRAINT_PROPERTY("unknown_constraint_property", Phase.PARSE),
    MULTIPLE_KEYS("multiple_keys", Phase.PARSE),
    INVALID_KEY("invalid_key", Phase.PARSE),
    INVALID_TYPE("invalid_type", Phase.PARSE),
    RESERVED_NAME("reserved_name", Phase.PARSE),
    INVALID_EMBED("invalid_embed", Phase.PARSE),
    INVALID_CARDINALITY("invalid_cardinality", Phase.PARSE),
    UNKNOWN_INTERFACE("unknown_interface", Phase.PARSE),
    INTERFACE_PROPERTY_CONFLICT("interface_property_conflict", Phase.PARSE),
    INVALID_CHECK_PATTERN("invalid_check_pattern", Phase.PARSE),
    /** Two queries of one {@code .gq} file share a name. */
    DUPLICATE_QUERY("duplicate_query", Phase.PARSE),
    /** A query declares the same parameter twice. */
    DUPLICATE_PARAM("duplicate_param", Phase.PARSE),

    // ---- catalog phase ----------------------------------------------------------------------------------------
    DUPLICATE_TYPE("duplicate_type", Phase.CATALOG),
    DUPLICATE_PROPERTY("duplicate_property", Phase.CATALOG),
    EDGE_NAME_COLLISION("edge_name_collision", Phase.CATALOG),
    UNKNOWN_ENDPOINT("unknown_endpoint", Phase.CATALOG),
    INCOMPATIBLE_INTERFACE_SEMANTICS("incompatible_interface_semantics", Phase.CATALOG),
    /** A {@code @rename_from} hint cannot be resolved against the accepted schema. */
    INVALID_RENAME("invalid_rename", Phase.CATALOG),
    /** A stored schema IR (JSON) is malformed or inconsistent. */
    INVALID_IR("invalid_ir", Phase.CATALOG),

    // ---- type phase: the coded errors of spec §2.8 ------------------------------------------------------------
    T1("T1", Phase.TYPE), T2("T2", Phase.TYPE), T3("T3", Phase.TYPE), T4("T4", Phase.TYPE),
    T5("T5", Phase.TYPE), T6("T6", Phase.TYPE), T7("T7", Phase.TYPE), T8("T8", Phase.TYPE),
    T9("T9", Phase.TYPE), T10("T10", Phase.TYPE), T11("T11", Phase.TYPE), T12("T12", Phase.TYPE),
    T13("T13", Phase.TYPE), T14("T14", Phase.TYPE), T15("T15", Phase.TYPE), T16("T16", Phase.TYPE),
    T17("T17", Phase.TYPE), T18("T18", Phase.TYPE), T19("T19", Phase.TYPE), T20("T20", Phase.TYPE),
    T21("T21", Phase.TYPE), T22("T22", Phase.TYPE), T23("T23", Phase.TYPE), T24("T24", Phase.TYPE),

    // ---- type phase: errors the original leaves uncoded (message has no Tn) ------------------------------------
    REBIND_VARIABLE("rebind_variable", Phase.TYPE),
    UNBOUND_VARIABLE("unbound_variable", Phase.TYPE),
    RESERVED_PARAM("reserved_param", Phase.TYPE),
    UNKNOWN_PARAM_TYPE("unknown_param_type", Phase.TYPE),
    INVALID_LIST_LITERAL("invalid_list_literal", Phase.TYPE),
    INVALID_LITERAL("invalid_literal", Phase.TYPE),
    DUPLICATE_COLUMN("duplicate_column", Phase.TYPE),
    UNKNOWN_ALIAS("unknown_alias", Phase.TYPE),
    MISPLACED_AGGREGATE("misplaced_aggregate", Phase.TYPE),
    MISPLACED_RANKING("misplaced_ranking", Phase.TYPE),
    UNSUPPORTED_EXPRESSION("unsupported_expression", Phase.TYPE),
    KEY_UPDATE("key_update", Phase.TYPE),
    MIXED_MUTATION("mixed_mutation", Phase.TYPE),
    UNKNOWN_QUERY("unknown_query", Phase.TYPE),

    // ---- plan phase -------------------------------------------------------------------------------------------
    /** A migration plan contains unsupported steps and cannot be applied. */
    UNSUPPORTED_MIGRATION("unsupported_migration", Phase.PLAN);

    private final String code;
    private final Phase phase;

    CompilerErrorCode(String code, Phase phase) {
        this.code = code;
        this.phase = phase;
    }

    /** The stable code ({@code syntax}, {@code T7}, …). */
    public String code() {
        return code;
    }

    public Phase phase() {
        return phase;
    }

    /** True for {@code T1}…{@code T24}: their message reads {@code type error: Tn: …}. */
    public boolean isTypecheckCode() {
        return code.length() <= 3 && code.charAt(0) == 'T' && Character.isDigit(code.charAt(1));
    }

    /** The message prefix: {@code parse error: }, {@code type error: T7: }, … */
    public String prefix() {
        return isTypecheckCode() ? phase.prefix() + code + ": " : phase.prefix();
    }
}
