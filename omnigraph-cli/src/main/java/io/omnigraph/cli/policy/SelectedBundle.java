package io.omnigraph.cli.policy;

import io.omnigraph.policy.bundle.PolicyBundle;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link BundleSource#select}: the bundle (empty when the selected scope has none bound — the default
 * posture applies), the graph id it is evaluated for, where it came from, and the sha256 of the file bytes (the
 * cluster catalog's content address).
 */
public record SelectedBundle(Optional<PolicyBundle> bundle, String graphId, String origin,
                             Optional<String> fileSha256) {
    public SelectedBundle {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(graphId, "graphId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(fileSha256, "fileSha256");
    }
}
