package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliException;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.StoreException;

/**
 * Refuses direct {@code init} / {@code schema apply} on a graph a cluster manages (cluster-server.md §6.5, §8
 * scenario 25), through the cluster module's {@link ClusterLayout#managingCluster} — the one layout check.
 */
public final class ClusterGuards {
    private ClusterGuards() {
    }

    /** Throws {@code cluster_managed} when {@code location} is {@code <root>/graphs/<id>.omni} of a cluster. */
    public static void refuseManaged(String location, String verb) {
        try {
            ClusterLayout.managingCluster(location).ifPresent(g -> {
                throw new CliException("cluster_managed", ClusterLayout.refusal(g, verb));
            });
        } catch (StoreException e) {
            throw new CliException("storage_failure", "cannot check whether " + location + " belongs to a cluster: "
                    + e.getMessage());
        }
    }
}
