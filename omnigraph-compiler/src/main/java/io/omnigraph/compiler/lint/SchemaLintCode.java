package io.omnigraph.compiler.lint;

import java.util.Optional;

/**
 * The schema-lint code catalogue (spec §1.8), format {@code OG-<FAMILY>-<NNN>}, rendered {@code [OG-MF-106] reason}.
 * Families DS (data safety) and MF (migration feasibility) ship; CD, BC, NM, OW, NL, VE, ED, LK are reserved.
 * The migration planner attaches {@link #OG_MF_103} and {@link #OG_MF_106}; drops plan as soft steps, so the DS codes
 * are catalogued but not emitted (as in the original).
 */
public enum SchemaLintCode {
    OG_DS_101("OG-DS-101", Tier.DESTRUCTIVE, true, "drop of a populated graph type"),
    OG_DS_102("OG-DS-102", Tier.DESTRUCTIVE, false, "drop of a populated node type"),
    OG_DS_103("OG-DS-103", Tier.DESTRUCTIVE, false, "drop of a populated edge type"),
    OG_DS_104("OG-DS-104", Tier.DESTRUCTIVE, false, "drop of a property from a populated type"),
    OG_DS_105("OG-DS-105", Tier.DESTRUCTIVE, true, "drop of a populated vector property"),
    OG_MF_103("OG-MF-103", Tier.VALIDATED, false, "adding a required property without a default"),
    OG_MF_104("OG-MF-104", Tier.VALIDATED, true, "tightening a nullable property to non-null"),
    OG_MF_106("OG-MF-106", Tier.DESTRUCTIVE, false, "changing a property type (anything but a pure enum widening)");

    /** How risky the flagged change is. */
    public enum Tier {
        VALIDATED("validated"), DESTRUCTIVE("destructive");

        private final String label;

        Tier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String code;
    private final Tier tier;
    private final boolean reserved;
    private final String summary;

    SchemaLintCode(String code, Tier tier, boolean reserved, String summary) {
        this.code = code;
        this.tier = tier;
        this.reserved = reserved;
        this.summary = summary;
    }

    /** {@code OG-MF-106}. */
    public String code() {
        return code;
    }

    public Tier tier() {
        return tier;
    }

    /** Every code defaults to severity {@code error}. */
    public String severity() {
        return "error";
    }

    /** Catalogued but never emitted. */
    public boolean reserved() {
        return reserved;
    }

    public String summary() {
        return summary;
    }

    /** The family: {@code DS} or {@code MF}. */
    public String family() {
        return code.substring(3, 5);
    }

    public static Optional<SchemaLintCode> fromCode(String code) {
        for (SchemaLintCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
