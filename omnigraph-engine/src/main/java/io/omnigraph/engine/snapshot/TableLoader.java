package io.omnigraph.engine.snapshot;

import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

/** Turns a table state (ordered segments) into its live rows under a schema. Implemented by {@link TableMaterializer}. */
@FunctionalInterface
public interface TableLoader {
    TableData load(TableSchema schema, TableState state);
}
