package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity change: insert carries {@code after}, update both, delete {@code before}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EntityChangeOutput(
        String id,
        EntityKind kind,
        ChangeTypeOutput type,
        ChangeOp op,
        Optional<ChangeImageOutput> before,
        Optional<ChangeImageOutput> after) {
    public EntityChangeOutput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(op, "op");
        before = before == null ? Optional.empty() : before;
        after = after == null ? Optional.empty() : after;
    }
}
