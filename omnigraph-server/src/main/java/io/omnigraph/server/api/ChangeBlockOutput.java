package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One commit block of a feed page.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeBlockOutput(
        ChangeCauseOutput cause,
        List<EntityChangeOutput> changes) {
    public ChangeBlockOutput {
        Objects.requireNonNull(cause, "cause");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
