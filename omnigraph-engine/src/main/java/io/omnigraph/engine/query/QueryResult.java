package io.omnigraph.engine.query;

import io.omnigraph.compiler.types.Value;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a read query as every surface reports it (CLI {@code query --json}, HTTP {@code POST /query}, stored
 * query invocation): the ReadOutput wire shape {@code {query_name, target, row_count, columns, rows,
 * graph_commit_id?}}. Render it with {@link io.omnigraph.engine.output.ReadOutput}.
 *
 * @param graphCommitId the commit the rows were read from
 */
public record QueryResult(String queryName, QueryTarget target, List<ResultColumn> columns, List<List<Value>> rows,
                          Optional<String> graphCommitId) {
    public QueryResult {
        Objects.requireNonNull(queryName, "queryName");
        Objects.requireNonNull(target, "target");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        Objects.requireNonNull(graphCommitId, "graphCommitId");
    }

    public static QueryResult of(String queryName, QueryTarget target, QueryRows rows, String commitId) {
        return new QueryResult(queryName, target, rows.columns(), rows.rows(), Optional.of(commitId));
    }

    public int rowCount() {
        return rows.size();
    }
}
