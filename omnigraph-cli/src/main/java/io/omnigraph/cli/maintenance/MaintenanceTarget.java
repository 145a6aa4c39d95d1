package io.omnigraph.cli.maintenance;

import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.Addressing;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.Scopes;
import io.omnigraph.cluster.layout.ClusterGraphResolver;
import io.omnigraph.storage.ObjectStores;

import java.util.Optional;

/**
 * Where a maintenance verb ({@code optimize}, {@code repair}, {@code cleanup}) runs: a storage URI given directly, or
 * {@code --cluster DIR|URI|NAME [--graph ID]} resolved through the cluster's ledger only (so it works on a degraded
 * cluster, and a graph that is declared but not applied is not resolvable). Echoes
 * {@code omnigraph <verb> → <uri> (direct, local|direct, remote)} on stderr unless {@code --quiet}.
 */
record MaintenanceTarget(String uri, Optional<String> clusterGraph) {

    static MaintenanceTarget resolve(CliContext context, String verb, Optional<String> positional) {
        Scopes.Binding b = Scopes.resolve(context, verb, Addressing.Capability.DIRECT, positional, Optional.empty());
        MaintenanceTarget t = switch (b) {
            case Scopes.Binding.Store s -> new MaintenanceTarget(s.uri(), Optional.empty());
            case Scopes.Binding.Cluster c -> {
                OperatorConfig oc = OperatorConfig.load(context.env());
                ClusterGraphResolver resolver = new ClusterGraphResolver(n -> Optional.ofNullable(oc.clusters().get(n)),
                        ObjectStores::open);
                try {
                    ClusterGraphResolver.Target r = resolver.resolve(c.cluster(), c.graph());
                    yield new MaintenanceTarget(r.graphUri(), Optional.of(r.graphId()));
                } catch (ClusterGraphResolver.ResolutionException e) {
                    throw new CliException(e.code(), e.getMessage());
                }
            }
            case Scopes.Binding.Server s -> throw new IllegalStateException("refused by Scopes");
        };
        if (!context.flags().quiet()) {
            context.err().println("omnigraph " + verb + " → " + t.uri() + " ("
                    + (Engines.isLocal(t.uri()) ? "direct, local" : "direct, remote") + ")");
        }
        return t;
    }
}
