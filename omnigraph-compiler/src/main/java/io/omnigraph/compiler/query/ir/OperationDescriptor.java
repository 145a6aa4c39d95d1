package io.omnigraph.compiler.query.ir;

import java.util.List;
import java.util.Objects;

/**
 * The lint {@code --json} operation descriptor (spec §2.9): result columns, and the node/edge types read and written
 * (each list sorted by (kind, type name) and de-duplicated).
 * <ul>
 *   <li>reads: bound node types, traversed edges and both endpoint types (also inside {@code not}), mutation
 *       targets, edge-insert endpoint types, edge types incident to a deleted node type;</li>
 *   <li>writes: mutation targets and the edge types a node delete cascades to.</li>
 * </ul>
 */
public record OperationDescriptor(List<ValueDescriptor> result, List<TypeRef> reads, List<TypeRef> writes) {
    public OperationDescriptor {
        result = List.copyOf(result);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    /** {@code {kind: "node"|"edge", type_name}}. */
    public record TypeRef(String kind, String typeName) implements Comparable<TypeRef> {
        public TypeRef {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(typeName, "typeName");
        }

        @Override
        public int compareTo(TypeRef o) {
            int c = kind.compareTo(o.kind);
            return c != 0 ? c : typeName.compareTo(o.typeName);
        }
    }
}
