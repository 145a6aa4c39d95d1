package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/mutate} (and {@code /mutate/if-graph-commit}, the deprecated {@code /change}).
 * Lenient: unknown fields are ignored, and the legacy names {@code query_source} / {@code query_name} are accepted
 * as aliases of {@code query} / {@code name}; giving both spellings of one field is a 400.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeRequest(String query, Optional<String> name, Optional<JsonNode> params, Optional<String> branch) {
    public ChangeRequest {
        if (query == null) {
            throw InvalidWireValueException.missing("query");
        }
        name = WireOptionals.clean(name);
        params = WireOptionals.cleanJson(params);
        branch = WireOptionals.clean(branch);
    }

    /** JSON creator accepting both the current and the legacy field names. */
    @JsonCreator
    static ChangeRequest fromJson(@JsonProperty("query") String query,
                                  @JsonProperty("query_source") String querySource,
                                  @JsonProperty("name") Optional<String> name,
                                  @JsonProperty("query_name") Optional<String> queryName,
                                  @JsonProperty("params") Optional<JsonNode> params,
                                  @JsonProperty("branch") Optional<String> branch) {
        if (query != null && querySource != null) {
            throw new InvalidWireValueException("duplicate field 'query' (given as both 'query' and its alias 'query_source')");
        }
        Optional<String> n = WireOptionals.clean(name);
        Optional<String> qn = WireOptionals.clean(queryName);
        if (n.isPresent() && qn.isPresent()) {
            throw new InvalidWireValueException("duplicate field 'name' (given as both 'name' and its alias 'query_name')");
        }
        return new ChangeRequest(query != null ? query : querySource, n.isPresent() ? n : qn, params, branch);
    }
}
