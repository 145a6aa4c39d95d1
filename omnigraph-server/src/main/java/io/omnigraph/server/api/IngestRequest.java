package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/load} and the deprecated {@code /ingest} (lenient). {@code data} is NDJSON
 * text; without {@code from} the branch must exist; {@code mode} defaults to {@link LoadMode#MERGE}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestRequest(String data, Optional<String> branch, Optional<String> from, Optional<LoadMode> mode) {
    public IngestRequest {
        if (data == null) {
            throw InvalidWireValueException.missing("data");
        }
        branch = WireOptionals.clean(branch);
        from = WireOptionals.clean(from);
        mode = WireOptionals.clean(mode);
    }
}
