package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.query.ir.VarKind;
import io.omnigraph.engine.table.TableData;

/** A variable of a match block bound to a column of the relation: its table and position. */
record Slot(int index, String var, VarKind kind, EntityType type, TableData table) {
    NodeType nodeType() {
        return (NodeType) type;
    }

    EdgeType edgeType() {
        return (EdgeType) type;
    }
}
