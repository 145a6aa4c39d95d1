package io.omnigraph.engine.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.engine.diff.EntityImage;
import io.omnigraph.engine.table.TableKind;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One merge conflict. The HTTP-facing fields (openapi {@code MergeConflictOutput}) are {@code entityKind},
 * {@code typeName}, {@code entityId}, {@code kind} and {@code message}; as an extension every conflict also carries
 * the storage type id ({@code tableKey}), the properties involved with their values on each side, and the full
 * images of the entity at the merge base, on the source and on the target (empty where the entity is absent or the
 * image is not relevant).
 */
public record MergeConflict(MergeConflictKind kind, TableKind entityKind, String typeName, String tableKey,
                            Optional<String> entityId, List<PropertyValues> properties, Optional<EntityImage> base,
                            Optional<EntityImage> source, Optional<EntityImage> target, String message) {
    /** Row conflicts first, then validation conflicts; inside a kind by entity kind, type and id. */
    public static final Comparator<MergeConflict> ORDER = Comparator
            .comparing((MergeConflict c) -> !c.kind().rowLevel())
            .thenComparing(MergeConflict::kind)
            .thenComparing(MergeConflict::entityKind)
            .thenComparing(MergeConflict::tableKey)
            .thenComparing(c -> c.entityId().orElse(""));

    public MergeConflict {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(entityKind);
        Objects.requireNonNull(typeName);
        Objects.requireNonNull(tableKey);
        Objects.requireNonNull(entityId);
        properties = List.copyOf(properties);
        Objects.requireNonNull(base);
        Objects.requireNonNull(source);
        Objects.requireNonNull(target);
        Objects.requireNonNull(message);
    }

    /**
     * One property involved in a conflict with its value at the merge base, on the source and on the target (JSON
     * null where the entity is absent or the value is null; {@code src}/{@code dst} name edge endpoints). Validation
     * conflicts that concern the merged result only fill {@code merged}.
     */
    public record PropertyValues(String property, Optional<JsonNode> base, Optional<JsonNode> source,
                                 Optional<JsonNode> target, Optional<JsonNode> merged) {
        public PropertyValues {
            Objects.requireNonNull(property);
            Objects.requireNonNull(base);
            Objects.requireNonNull(source);
            Objects.requireNonNull(target);
            Objects.requireNonNull(merged);
        }
    }

    /** A validation conflict about the merged result (no per-side images). */
    public static MergeConflict validation(MergeConflictKind kind, TableKind entityKind, String typeName, String tableKey,
                                           Optional<String> entityId, List<PropertyValues> properties, String message) {
        return new MergeConflict(kind, entityKind, typeName, tableKey, entityId, properties, Optional.empty(),
                Optional.empty(), Optional.empty(), message);
    }
}
