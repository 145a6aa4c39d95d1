package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Body of the deprecated {@code POST /graphs/{id}/read} (lenient: unknown fields ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadRequest(@JsonProperty("query_source") String querySource,
                          @JsonProperty("query_name") Optional<String> queryName, Optional<JsonNode> params,
                          Optional<String> branch, Optional<String> snapshot) {
    public ReadRequest {
        if (querySource == null) {
            throw InvalidWireValueException.missing("query_source");
        }
        queryName = WireOptionals.clean(queryName);
        params = WireOptionals.cleanJson(params);
        branch = WireOptionals.clean(branch);
        snapshot = WireOptionals.clean(snapshot);
    }

    /** The same read in the canonical {@link QueryRequest} shape. */
    public QueryRequest toQueryRequest() {
        return new QueryRequest(querySource, queryName, params, branch, snapshot);
    }
}
