package io.omnigraph.engine.merge;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.diff.RowGather;
import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.validate.IntegrityEvaluator;
import io.omnigraph.engine.validate.TableDelta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validates a merged result with the shared integrity evaluator — the same rules and messages as loads and mutations
 * (engine.md §4.6): the merge's rows are the change set, the target snapshot is the committed view. Violations map to
 * merge conflict kinds: {@code reference} → {@code orphan_edge}, {@code unique} → {@code unique_violation},
 * {@code cardinality} → {@code cardinality_violation}, {@code enum|range|check} → {@code value_constraint_violation}.
 * Reports at most {@link #MAX_REPORTED} violations.
 */
public final class IntegrityMergeValidator implements MergeValidator {
    /** Cap on the number of validation conflicts collected for one merge. */
    public static final int MAX_REPORTED = 10_000;

    private final Function<MergedResult, GraphSchema> schemaOf;

    /** @param schemaOf the catalog view of the merged result's schema (callers cache it by digest) */
    public IntegrityMergeValidator(Function<MergedResult, GraphSchema> schemaOf) {
        this.schemaOf = schemaOf;
    }

    /** A validator that rebuilds the catalog from the stored schema object each time. */
    public static IntegrityMergeValidator fromStoredSchema() {
        return new IntegrityMergeValidator(r -> GraphSchema.fromObject(r.schema()));
    }

    @Override
    public List<MergeConflict> validate(MergedResult result) {
        if (result.deltas().isEmpty()) {
            return List.of();
        }
        GraphSchema schema = schemaOf.apply(result);
        Map<String, TableDelta> deltas = new LinkedHashMap<>();
        for (TableMergeDelta d : result.deltas().values()) {
            List<RowRef> rows = new ArrayList<>(d.upserts().values());
            deltas.put(d.tableKey(), new TableDelta(RowGather.gather(d.schema(), rows), d.deletes(), false));
        }
        IntegrityEvaluator.Report report = IntegrityEvaluator.evaluate(schema, key -> result.target().table(key),
                (key, ids) -> result.target().lookup(key, ids), deltas, MAX_REPORTED);
        List<MergeConflict> out = new ArrayList<>();
        for (EngineException.ConstraintViolation v : report.violations()) {
            out.add(conflict(schema, v));
        }
        return out;
    }

    private static MergeConflict conflict(GraphSchema schema, EngineException.ConstraintViolation v) {
        MergeConflictKind kind = switch (v.rule()) {
            case "reference" -> MergeConflictKind.ORPHAN_EDGE;
            case "unique" -> MergeConflictKind.UNIQUE_VIOLATION;
            case "cardinality" -> MergeConflictKind.CARDINALITY_VIOLATION;
            default -> MergeConflictKind.VALUE_CONSTRAINT_VIOLATION;
        };
        Optional<EntityType> type = schema.nodeType(v.typeName()).<EntityType>map(t -> t)
                .or(() -> schema.edgeType(v.typeName()).map(t -> t));
        TableKind entityKind = type.map(t -> t instanceof NodeType ? TableKind.NODE : TableKind.EDGE)
                .orElse(kind == MergeConflictKind.ORPHAN_EDGE || kind == MergeConflictKind.CARDINALITY_VIOLATION
                        ? TableKind.EDGE : TableKind.NODE);
        String tableKey = type.map(GraphSchema::tableKey).orElse(v.typeName());
        return MergeConflict.validation(kind, entityKind, v.typeName(), tableKey, v.entityId(), List.of(),
                "merged result violates " + v.rule() + ": " + v.getMessage());
    }
}
