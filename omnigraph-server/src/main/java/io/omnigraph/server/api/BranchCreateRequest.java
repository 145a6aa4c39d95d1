package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/** Body of {@code POST /graphs/{id}/branches} (lenient); {@code from} defaults to {@code main}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BranchCreateRequest(String name, Optional<String> from) {
    public BranchCreateRequest {
        if (name == null) {
            throw InvalidWireValueException.missing("name");
        }
        from = WireOptionals.clean(from);
    }
}
