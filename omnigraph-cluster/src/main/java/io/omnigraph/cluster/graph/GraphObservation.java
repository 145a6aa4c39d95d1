package io.omnigraph.cluster.graph;

import java.util.Optional;

/**
 * What a read-only look at a graph root found.
 *
 * @param exists          anything is stored under the root
 * @param opens           the root opens as a graph
 * @param manifestVersion the main branch's version counter (+1 per commit on main)
 * @param schemaSource    the live schema source on main
 * @param schemaDigest    sha256hex of {@code schemaSource}
 * @param error           why it did not open
 */
public record GraphObservation(boolean exists, boolean opens, Optional<Long> manifestVersion,
                               Optional<String> schemaSource, Optional<String> schemaDigest, Optional<String> error) {

    public static GraphObservation absent() {
        return new GraphObservation(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static GraphObservation broken(String error) {
        return new GraphObservation(true, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(error));
    }

    public static GraphObservation open(long version, String source, String digest) {
        return new GraphObservation(true, true, Optional.of(version), Optional.of(source), Optional.of(digest), Optional.empty());
    }
}
