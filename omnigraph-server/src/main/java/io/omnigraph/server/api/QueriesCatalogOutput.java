package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code GET /graphs/{id}/queries}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record QueriesCatalogOutput(
        List<QueryCatalogEntry> queries) {
    public QueriesCatalogOutput {
        queries = queries == null ? List.of() : List.copyOf(queries);
    }
}
