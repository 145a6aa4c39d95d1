package io.omnigraph.server.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** An inline mutation: GQ {@code source}, optional {@code name}, parameters, target {@code branch} and writer. */
public record MutationCall(String source, Optional<String> name, Optional<JsonNode> params, String branch,
                           Writer writer) {
    public MutationCall {
        Objects.requireNonNull(source, "source");
        name = name == null ? Optional.empty() : name;
        params = params == null ? Optional.empty() : params;
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(writer, "writer");
    }
}
