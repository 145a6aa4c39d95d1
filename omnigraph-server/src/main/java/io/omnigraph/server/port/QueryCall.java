package io.omnigraph.server.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * An inline read: GQ {@code source}, the query to run when it declares several ({@code name}), its parameters as a
 * JSON object (absent = none) and the target.
 */
public record QueryCall(String source, Optional<String> name, Optional<JsonNode> params, ReadTarget target) {
    public QueryCall {
        Objects.requireNonNull(source, "source");
        name = name == null ? Optional.empty() : name;
        params = params == null ? Optional.empty() : params;
        Objects.requireNonNull(target, "target");
    }
}
