package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;
import java.util.Optional;

/**
 * One policy slot of the served revision ({@code GET /admin/status}): {@code scope} is {@code cluster} (the
 * server-level slot, decides {@code graph_list}) or {@code graph} (with {@code graph_id}); {@code bundle} and
 * {@code digest} name the bound bundle, and are absent when nothing is bound (a graph is then read-only for every
 * authenticated actor).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PolicyBindingOutput(
        String scope,
        @JsonProperty("graph_id") Optional<String> graphId,
        Optional<String> bundle,
        Optional<String> digest) {
    public PolicyBindingOutput {
        Objects.requireNonNull(scope, "scope");
        graphId = graphId == null ? Optional.empty() : graphId;
        bundle = bundle == null ? Optional.empty() : bundle;
        digest = digest == null ? Optional.empty() : digest;
    }
}
