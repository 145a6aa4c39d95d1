package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/changes/baseline} (lenient). The snapshot honours {@code kind} and {@code type};
 * {@code op} only constrains later polls with the returned cursor.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeBaselineRequest(Optional<String> branch, List<EntityKind> kind, List<String> type,
                                    List<ChangeOp> op) {
    public ChangeBaselineRequest {
        branch = WireOptionals.clean(branch);
        kind = WireOptionals.cleanList(kind, "kind");
        type = WireOptionals.cleanList(type, "type");
        op = WireOptionals.cleanList(op, "op");
    }
}
