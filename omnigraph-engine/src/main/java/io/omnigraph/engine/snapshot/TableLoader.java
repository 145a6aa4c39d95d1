package io.omnigraph.engine.snapshot;

import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.Set;

/** Turns a table state (ordered segments) into its live rows under a schema. Implemented by {@link TableMaterializer}. */
@FunctionalInterface
public interface TableLoader {
    TableData load(TableSchema schema, TableState state);

    /**
     * Point lookup: a table {@code t} such that, for every id in {@code ids}, {@code t.rowOf(id)} finds a row exactly
     * when the id is live in the table state, and that row equals the live row. Rows of other ids are unspecified
     * (implementations may return the whole table). The default folds the whole table.
     */
    default TableData lookup(TableSchema schema, TableState state, Set<String> ids) {
        return load(schema, state);
    }
}
