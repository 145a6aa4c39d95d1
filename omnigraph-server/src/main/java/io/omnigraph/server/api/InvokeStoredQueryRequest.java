package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Optional body of {@code POST /graphs/{id}/queries/{name}} (lenient). The query source and name come from the
 * registry, never from the body. {@code expect_mutation}, when present, must match the stored query's kind.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvokeStoredQueryRequest(Optional<JsonNode> params, Optional<String> branch, Optional<String> snapshot,
                                       @JsonProperty("expect_mutation") Optional<Boolean> expectMutation) {
    /** The request an empty body (or a JSON {@code null}) stands for. */
    public static final InvokeStoredQueryRequest EMPTY =
            new InvokeStoredQueryRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public InvokeStoredQueryRequest {
        params = WireOptionals.cleanJson(params);
        branch = WireOptionals.clean(branch);
        snapshot = WireOptionals.clean(snapshot);
        expectMutation = WireOptionals.clean(expectMutation);
    }
}
