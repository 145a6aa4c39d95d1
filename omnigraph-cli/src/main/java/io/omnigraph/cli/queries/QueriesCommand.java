package io.omnigraph.cli.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.plane.RemotePlane;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.cluster.layout.ClusterGraphResolver;
import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.server.api.QueriesCatalogOutput;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.cluster.StoredQueryRegistry;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph queries list|validate}: the stored queries of a cluster's applied graphs ({@code --cluster X
 * [--graph G]}, read from the serving snapshot, digest-verified) or of a served graph ({@code --server S --graph G},
 * {@code GET …/queries}). Both lanes render the server's {@code QueriesCatalogOutput}.
 */
@Command(name = "queries", mixinStandardHelpOptions = true, description = "List or type-check a graph's stored queries.",
        subcommands = {QueriesCommand.ListCommand.class, QueriesCommand.ValidateCommand.class})
public final class QueriesCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public QueriesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    /** Where the queries come from. */
    sealed interface Source permits Served, Applied {
    }

    record Served(RemotePlane plane, String graph) implements Source {
    }

    record Applied(String cluster, ServingSnapshot snapshot, List<ServingSnapshot.ServedGraph> graphs) implements Source {
    }

    static Source source(CliContext context, String verb) {
        Optional<String> server = context.flags().server();
        Optional<String> cluster = context.flags().cluster();
        Optional<String> graph = context.flags().graph();
        OperatorConfig config = OperatorConfig.load(context.env());
        if (server.isPresent() && cluster.isPresent()) {
            throw new CliException("usage", "--server and --cluster are mutually exclusive — pick one way to address the"
                    + " graph", ExitCodes.USAGE);
        }
        if (server.isPresent()) {
            RemotePlane plane = Planes.remote(context, server.get(), graph);
            return new Served(plane, graph.orElseThrow(() -> new CliException("usage", "`" + verb + "` against a server"
                    + " needs --graph <id>", ExitCodes.USAGE)));
        }
        if (cluster.isEmpty()) {
            throw new CliException("usage", "`" + verb + "` needs a cluster (--cluster <dir|uri|name> [--graph <id>]) or a"
                    + " served graph (--server <name|url> --graph <id>)", ExitCodes.USAGE);
        }
        String root;
        try {
            root = new ClusterGraphResolver(n -> Optional.ofNullable(config.clusters().get(n)), ObjectStores::open)
                    .storageRoot(cluster.get());
        } catch (ClusterGraphResolver.ResolutionException e) {
            throw new CliException(e.code(), e.getMessage());
        }
        ServingSnapshot snap;
        try (ObjectStore store = ObjectStores.open(root)) {
            snap = ServingSnapshot.read(store);
        } catch (StoreException e) {
            throw new CliException("storage_root_invalid", "cannot open cluster storage `" + root + "`: " + e.getMessage());
        }
        if (!snap.servable()) {
            throw new CliException("cluster_not_servable", snap.refusal(cluster.get()));
        }
        List<ServingSnapshot.ServedGraph> graphs = snap.graphs();
        if (graph.isPresent()) {
            if (snap.quarantined().containsKey(graph.get())) {
                throw new CliException("graph_quarantined", snap.quarantined().get(graph.get()).reason());
            }
            graphs = graphs.stream().filter(g -> g.id().equals(graph.get())).toList();
            if (graphs.isEmpty()) {
                throw new CliException("graph_not_applied", "graph `" + graph.get() + "` is not served by cluster `"
                        + cluster.get() + "` (served graphs: " + snap.graphs().stream().map(ServingSnapshot.ServedGraph::id)
                        .toList() + ")" + io.omnigraph.cli.support.Suggest.clause(graph.get(),
                        snap.graphs().stream().map(ServingSnapshot.ServedGraph::id).toList()));
            }
        }
        return new Applied(cluster.get(), snap, graphs);
    }

    /** One graph's catalog in the wire shape; {@code catalog} type-checks against it when given. */
    static JsonNode catalog(ServingSnapshot.ServedGraph g, Optional<Catalog> catalog) {
        List<QueryCatalogEntry> entries = new ArrayList<>();
        for (ServingSnapshot.QuerySource q : g.queries().values()) {
            try {
                entries.add(StoredQueryRegistry.compile(q.name(), q.source(), catalog));
            } catch (StoredQueryRegistry.Invalid e) {
                throw new CliException("query_registry_invalid", "graph `" + g.id() + "`: " + e.getMessage());
            }
        }
        return WireJson.mapper().valueToTree(new QueriesCatalogOutput(entries));
    }

    static String signature(JsonNode q) {
        List<String> params = new ArrayList<>();
        for (JsonNode p : q.path("params")) {
            String kind = p.path("kind").asText();
            if (p.has("item_kind")) {
                kind += "<" + p.path("item_kind").asText() + ">";
            }
            if (p.has("vector_dim")) {
                kind += "(" + p.path("vector_dim").asInt() + ")";
            }
            params.add(p.path("name").asText() + ": " + kind + (p.path("nullable").asBoolean() ? "?" : ""));
        }
        return q.path("name").asText() + "(" + String.join(", ", params) + ")";
    }

    /** {@code queries list [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a graph's stored queries: name(params), read or mutation, description.")
    public static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--json", description = "Print {queries:[{name, tool_name, description?, instruction?, mutation, params:[{name, kind, item_kind?, vector_dim?, nullable}]}]}.")
        boolean json;

        public ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            JsonNode catalog = switch (source(context, "queries list")) {
                case Served s -> Planes.call(context, json, s.plane(), s.plane()::storedQueries);
                case Applied a -> {
                    if (a.graphs().size() != 1) {
                        throw new CliException("usage", "cluster `" + a.cluster() + "` serves " + a.graphs().size()
                                + " graphs: " + a.graphs().stream().map(ServingSnapshot.ServedGraph::id).toList()
                                + "; pass --graph <id> to select one", ExitCodes.USAGE);
                    }
                    yield catalog(a.graphs().getFirst(), Optional.empty());
                }
            };
            if (json) {
                context.printJson(catalog);
                return 0;
            }
            int width = 0;
            for (JsonNode q : catalog.path("queries")) {
                width = Math.max(width, signature(q).length());
            }
            for (JsonNode q : catalog.path("queries")) {
                String line = String.format("%-" + width + "s  %-8s", signature(q), q.path("mutation").asBoolean() ? "mutation" : "read");
                if (q.hasNonNull("description")) {
                    line += "  " + q.path("description").asText();
                }
                context.out().println(line.stripTrailing());
            }
            if (catalog.path("queries").isEmpty()) {
                context.out().println("no stored queries");
            }
            return 0;
        }
    }

    /** {@code queries validate [--json]}: every stored query type-checks against its graph's live schema. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Type-check every stored query against its graph's live schema (exit 1 on breakage).",
                    "Cluster: opens each applied graph (or --graph). Served: a graph serves only type-checked queries."})
    public static final class ValidateCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--json", description = "Print {ok, graphs:[{graph, stored_queries, ok, errors:[{query, message}]}]}.")
        boolean json;

        public ValidateCommand(CliContext context) {
            this.context = context;
        }

        record Report(String graph, int count, List<Map.Entry<String, String>> errors) {
        }

        @Override
        public Integer call() {
            List<Report> reports = new ArrayList<>();
            switch (source(context, "queries validate")) {
                case Served s -> {
                    // the server type-checked the registry against the live schema at boot (breakage quarantines it)
                    JsonNode catalog = Planes.call(context, json, s.plane(), s.plane()::storedQueries);
                    reports.add(new Report(s.graph(), catalog.path("queries").size(), List.of()));
                }
                case Applied a -> {
                    a.snapshot().quarantined().forEach((id, q) -> {
                        if (context.flags().graph().isEmpty()) {
                            reports.add(new Report(id, 0, List.of(Map.entry("*", q.reason()))));
                        }
                    });
                    for (ServingSnapshot.ServedGraph g : a.graphs()) {
                        reports.add(validate(g));
                    }
                    reports.sort(java.util.Comparator.comparing(Report::graph));
                }
            }
            boolean ok = reports.stream().allMatch(r -> r.errors().isEmpty());
            if (json) {
                ObjectNode o = context.json().createObjectNode();
                o.put("ok", ok);
                ArrayNode graphs = o.putArray("graphs");
                for (Report r : reports) {
                    ObjectNode g = graphs.addObject().put("graph", r.graph()).put("stored_queries", r.count())
                            .put("ok", r.errors().isEmpty());
                    ArrayNode errors = g.putArray("errors");
                    r.errors().forEach(e -> errors.addObject().put("query", e.getKey()).put("message", e.getValue()));
                }
                context.printJson(o);
            } else {
                for (Report r : reports) {
                    if (r.errors().isEmpty()) {
                        context.out().println("OK  " + r.count() + " stored quer" + (r.count() == 1 ? "y type-checks" : "ies type-check")
                                + " against the live schema of graph '" + r.graph() + "'");
                    } else {
                        r.errors().forEach(e -> context.out().println("FAIL  " + r.graph() + "." + e.getKey() + ": " + e.getValue()));
                    }
                }
            }
            if (!ok) {
                long broken = reports.stream().mapToLong(r -> r.errors().size()).sum();
                if (!json) {
                    context.err().println("error[query_registry_invalid]: " + broken + " stored quer" + (broken == 1 ? "y" : "ies")
                            + " no longer type-check; fix them (or the schema) and run `omnigraph cluster apply`");
                }
                return ExitCodes.ERROR;
            }
            return 0;
        }

        private Report validate(ServingSnapshot.ServedGraph g) {
            Catalog catalog;
            try (Graph graph = Engines.open(context, g.uri())) {
                catalog = Engines.call(() -> graph.read(Optional.empty(), ReadTarget.branch("main")).catalog());
            } catch (CliException e) {
                return new Report(g.id(), g.queries().size(), List.of(Map.entry("*", "cannot open graph root " + g.uri()
                        + ": " + e.getMessage())));
            }
            List<Map.Entry<String, String>> errors = new ArrayList<>();
            for (ServingSnapshot.QuerySource q : g.queries().values()) {
                try {
                    StoredQueryRegistry.compile(q.name(), q.source(), Optional.of(catalog));
                } catch (StoredQueryRegistry.Invalid e) {
                    errors.add(Map.entry(q.name(), e.getMessage()));
                }
            }
            return new Report(g.id(), g.queries().size(), errors);
        }
    }
}
