package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliException;

import java.util.Optional;

/**
 * Where the {@code omnigraph policy} commands get the bundle to evaluate.
 *
 * <p>Today: {@link FileBundleSource} (a {@code *.policy.yaml} path). The spec's primary form sources the bundle from
 * a cluster's serving snapshot ({@code --cluster DIR [--graph G]}: the unique bundle bound to {@code graph.G} or
 * {@code cluster}, or the sole applied bundle without {@code --graph}); the cluster module adds that as a second
 * implementation, which may return a selection without a bundle (the graph's default posture).
 */
public interface BundleSource {
    /**
     * Selects the bundle for {@code graph} (the {@code --graph} value, if given).
     *
     * @throws CliException when the source cannot be read, is ambiguous, or the bundle is invalid
     */
    SelectedBundle select(Optional<String> graph);
}
