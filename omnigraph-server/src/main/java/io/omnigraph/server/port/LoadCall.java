package io.omnigraph.server.port;

import io.omnigraph.server.api.LoadMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A bulk NDJSON load into {@code branch}. When {@code from} is present and {@code branch} does not exist, the backend
 * creates {@code branch} from {@code from} first (the server has already authorized that); {@code from} is echoed as
 * {@code base_branch} even when the branch existed. When {@code from} is absent the branch exists (checked by the
 * server; a race is reported as {@link Failure.NotFound}).
 */
public record LoadCall(String data, String branch, Optional<String> from, LoadMode mode, Writer writer) {
    public LoadCall {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(branch, "branch");
        from = from == null ? Optional.empty() : from;
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(writer, "writer");
    }
}
