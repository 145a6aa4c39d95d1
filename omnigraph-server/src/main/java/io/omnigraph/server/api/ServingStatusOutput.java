package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code GET /admin/status}: the revision served and since when, the ready and quarantined graphs, the
 * ledger polling interval, the authorization mode and policy bindings, and the last reload attempt and last failure (a failed reload leaves the old revision
 * serving; this is where it is reported).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ServingStatusOutput(
        @JsonProperty("storage_root") String storageRoot,
        ServedRevisionOutput served,
        @JsonProperty("served_since") String servedSince,
        List<String> graphs,
        List<QuarantinedGraphOutput> quarantined,
        @JsonProperty("poll_interval_ms") long pollIntervalMs,
        @JsonProperty("auth_mode") String authMode,
        @JsonProperty("policy_bindings") List<PolicyBindingOutput> policyBindings,
        @JsonProperty("last_reload") Optional<ReloadOutput> lastReload,
        @JsonProperty("last_failure") Optional<ReloadOutput> lastFailure) {
    public ServingStatusOutput {
        Objects.requireNonNull(storageRoot, "storage_root");
        Objects.requireNonNull(served, "served");
        Objects.requireNonNull(servedSince, "served_since");
        graphs = graphs == null ? List.of() : List.copyOf(graphs);
        quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
        Objects.requireNonNull(authMode, "auth_mode");
        policyBindings = policyBindings == null ? List.of() : List.copyOf(policyBindings);
        lastReload = lastReload == null ? Optional.empty() : lastReload;
        lastFailure = lastFailure == null ? Optional.empty() : lastFailure;
    }
}
