package io.omnigraph.compiler.query;

import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.query.ast.QueryAst.QueryDecl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A parsed {@code .gq} file: its source (for diagnostics) and its query declarations in file order. */
public record QueryFile(SourceText source, List<QueryDecl> queries) {
    public QueryFile {
        Objects.requireNonNull(source, "source");
        queries = List.copyOf(queries);
    }

    public String fileName() {
        return source.name();
    }

    public Optional<QueryDecl> query(String name) {
        return queries.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return queries.stream().map(QueryDecl::name).toList();
    }
}
