package io.omnigraph.server.port;

import io.omnigraph.server.api.ChangeBaselineOutput;
import java.util.Objects;

/**
 * A captured baseline: {@code records} writes the snapshot's entity records as NDJSON lines; the server appends the
 * terminal {@code {"baseline": terminal}} line only after {@code records} completed.
 */
public record BaselineCapture(ChangeBaselineOutput terminal, StreamingBody records) {
    public BaselineCapture {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(records, "records");
    }
}
