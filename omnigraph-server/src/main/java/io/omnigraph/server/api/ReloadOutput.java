package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /admin/reload} (and {@code last_reload}/{@code last_failure} of {@code GET /admin/status}).
 *
 * @param trigger   what asked for the reload: {@code poll}, {@code sighup} or {@code admin}
 * @param served    the revision serving after the attempt
 * @param attempted the revision the ledger named (absent when the ledger could not be read)
 * @param error     why the attempted revision was refused ({@code the cluster at … is not ready to serve: …})
 * @param at        when the attempt finished (RFC 3339, UTC)
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ReloadOutput(
        ReloadOutcome outcome,
        String trigger,
        ServedRevisionOutput served,
        Optional<ServedRevisionOutput> attempted,
        Optional<String> error,
        List<String> graphs,
        List<QuarantinedGraphOutput> quarantined,
        String at,
        @JsonProperty("duration_ms") long durationMs) {
    public ReloadOutput {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(served, "served");
        attempted = attempted == null ? Optional.empty() : attempted;
        error = error == null ? Optional.empty() : error;
        graphs = graphs == null ? List.of() : List.copyOf(graphs);
        quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
        Objects.requireNonNull(at, "at");
    }
}
