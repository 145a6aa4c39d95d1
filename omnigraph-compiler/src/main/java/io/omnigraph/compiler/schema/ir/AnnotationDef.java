package io.omnigraph.compiler.schema.ir;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A preserved annotation ({@code @description("…")}, {@code @instruction}, {@code @rename_from}, or any
 * unknown {@code @name(...)} kept as metadata). Keyword arguments are sorted by name.
 */
public record AnnotationDef(String name, Optional<String> value, Map<String, String> kwargs) {
    public AnnotationDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        kwargs = Collections.unmodifiableMap(new TreeMap<>(kwargs));
    }

    public static AnnotationDef of(String name, String value) {
        return new AnnotationDef(name, Optional.of(value), Map.of());
    }
}
