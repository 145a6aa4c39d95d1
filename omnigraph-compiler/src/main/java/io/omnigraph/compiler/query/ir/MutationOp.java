package io.omnigraph.compiler.query.ir;

import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.schema.ir.PropertyDef;

import java.util.List;
import java.util.Optional;

/**
 * One mutation statement. All statements of a query commit atomically; later statements see earlier ones' writes.
 * Values are literals already converted to the property type, parameters (convert at run time and check NULL for
 * non-nullable properties), or {@code now()}.
 */
public sealed interface MutationOp {

    /**
     * Node insert: every non-nullable property is assigned. A keyed node is an upsert by derived id with full-row
     * replacement (unassigned nullable properties become NULL); a keyless node gets a fresh ULID.
     */
    record InsertNode(NodeType type, List<Assignment> assignments) implements MutationOp {
        public InsertNode {
            assignments = List.copyOf(assignments);
        }
    }

    /** Edge insert with {@code from}/{@code to} node ids (Strings); always a new edge with a fresh ULID. */
    record InsertEdge(EdgeType type, TypedExpr from, TypedExpr to, List<Assignment> assignments) implements MutationOp {
        public InsertEdge {
            assignments = List.copyOf(assignments);
        }
    }

    /** Update every node of the type matching the predicate; key members are never assigned (rejected at compile time). */
    record UpdateNode(NodeType type, List<Assignment> assignments, Condition where) implements MutationOp {
        public UpdateNode {
            assignments = List.copyOf(assignments);
        }
    }

    /** Delete matching nodes and cascade to every edge (any type) whose src or dst is a deleted id. */
    record DeleteNode(NodeType type, Condition where) implements MutationOp {
    }

    /** Delete matching edges. */
    record DeleteEdge(EdgeType type, Condition where) implements MutationOp {
    }

    record Assignment(PropertyDef property, TypedExpr value) {
    }

    /**
     * {@code where column op value}: {@code column} is a property name, {@code id} (nodes), or {@code src}/{@code dst}
     * (edges, written {@code from}/{@code to}); {@code property} is empty for those system columns.
     */
    record Condition(String column, Optional<PropertyDef> property, CompareOp op, TypedExpr value) {
    }
}
