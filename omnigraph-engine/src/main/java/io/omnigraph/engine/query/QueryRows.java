package io.omnigraph.engine.query;

import io.omnigraph.compiler.types.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of an executed read query: the columns in projection order and one list of values per row (same length
 * as {@code columns}; NULL is {@link Value#NULL}). Row order is the query's order when it has one (or a ranking),
 * else the execution order, which is deterministic for a given snapshot but not otherwise specified.
 */
public record QueryRows(List<ResultColumn> columns, List<List<Value>> rows) {
    public QueryRows {
        columns = List.copyOf(columns);
        List<List<Value>> copy = new ArrayList<>(rows.size());
        for (List<Value> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public int rowCount() {
        return rows.size();
    }

    public List<String> columnNames() {
        return columns.stream().map(ResultColumn::name).toList();
    }
}
