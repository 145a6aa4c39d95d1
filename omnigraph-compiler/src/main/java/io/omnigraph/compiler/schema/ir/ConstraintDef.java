package io.omnigraph.compiler.schema.ir;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A normalized type-level constraint. Property-level {@code @key}/{@code @unique}/{@code @index} and body-level
 * {@code @key(...)} etc. become the same constraint, so moving one between the two spellings is not a change.
 * JSON is externally tagged: {@code {"Index":["title"]}}, {@code {"Range":{"property":"age","min":0,"max":120}}}.
 */
public sealed interface ConstraintDef {

    /** The tag used in JSON ({@code Key}, {@code Unique}, {@code Index}, {@code Range}, {@code Check}). */
    String tag();

    /** Every property the constraint names. */
    List<String> properties();

    /** Source-like rendering: {@code @unique(a, b)}, {@code @range(age, 0..120)}. */
    String display();

    /** Identity key; member order as declared (ids order members by stable property id). */
    record Key(List<String> properties) implements ConstraintDef {
        public Key {
            properties = List.copyOf(properties);
        }

        @Override
        public String tag() {
            return "Key";
        }

        @Override
        public String display() {
            return "@key(" + String.join(", ", properties) + ")";
        }
    }

    /** Tuple uniqueness; rows with a NULL member are exempt. Edges may name {@code src}/{@code dst}. */
    record Unique(List<String> properties) implements ConstraintDef {
        public Unique {
            properties = List.copyOf(properties);
        }

        @Override
        public String tag() {
            return "Unique";
        }

        @Override
        public String display() {
            return "@unique(" + String.join(", ", properties) + ")";
        }
    }

    /** Index intent (derived state only). */
    record Index(List<String> properties) implements ConstraintDef {
        public Index {
            properties = List.copyOf(properties);
        }

        @Override
        public String tag() {
            return "Index";
        }

        @Override
        public String display() {
            return "@index(" + String.join(", ", properties) + ")";
        }
    }

    /** Inclusive numeric range; either side may be open. Bounds are normalized exact decimals. */
    record Range(String property, Optional<BigDecimal> min, Optional<BigDecimal> max) implements ConstraintDef {
        public Range {
            Objects.requireNonNull(property, "property");
            min = min.map(Range::normalize);
            max = max.map(Range::normalize);
        }

        static BigDecimal normalize(BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }

        @Override
        public String tag() {
            return "Range";
        }

        @Override
        public List<String> properties() {
            return List.of(property);
        }

        @Override
        public String display() {
            return "@range(" + property + ", " + min.map(BigDecimal::toPlainString).orElse("") + ".."
                    + max.map(BigDecimal::toPlainString).orElse("") + ")";
        }
    }

    /** Regex the value must contain a match of (unanchored search); NULL exempt. */
    record Check(String property, String pattern) implements ConstraintDef {
        public Check {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String tag() {
            return "Check";
        }

        @Override
        public List<String> properties() {
            return List.of(property);
        }

        @Override
        public String display() {
            return "@check(" + property + ", \"" + pattern.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
        }
    }
}
