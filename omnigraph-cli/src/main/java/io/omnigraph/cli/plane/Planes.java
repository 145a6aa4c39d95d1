package io.omnigraph.cli.plane;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.remote.Endpoints;
import io.omnigraph.cli.remote.HttpApi;
import io.omnigraph.cli.remote.RemoteError;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.cli.support.Scopes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Opens the {@link DataPlane} of a resolved scope binding, and runs plane calls with uniform error handling. */
public final class Planes {
    private Planes() {
    }

    /**
     * @param verb    the verb path ({@code "branch create"})
     * @param write   whether the verb writes ({@code --as} is refused on served writes)
     * @param asFlag  {@code --as} as given on the command line
     */
    public static DataPlane open(CliContext context, String verb, Scopes.Binding binding, boolean write,
                                 Optional<String> asFlag) {
        return switch (binding) {
            case Scopes.Binding.Store s -> new EmbeddedPlane(Engines.open(context, s.uri()), s.uri());
            case Scopes.Binding.Server s -> {
                if (write && asFlag.isPresent()) {
                    throw new CliException("usage", "`--as` is not allowed on a served write — the server resolves the actor"
                            + " from the bearer token; remove --as (or log in as that actor with `omnigraph login`)",
                            ExitCodes.USAGE);
                }
                yield remote(context, s.server(), s.graph());
            }
            case Scopes.Binding.Cluster c -> throw new CliException("invalid_scope", "`" + verb + "` cannot run against a"
                    + " cluster binding (" + c.cluster() + "): run data commands through a server, or use --store <uri>",
                    ExitCodes.USAGE);
        };
    }

    /** The served graph {@code graph} of {@code server} (a {@code servers:} name or URL), with its bearer token. */
    public static RemotePlane remote(CliContext context, String server, Optional<String> graph) {
        OperatorConfig config = OperatorConfig.load(context.env());
        String base = Endpoints.baseUrl(config, server);
        String target = graph.map(g -> base + "/graphs/" + g).orElse(base);
        HttpApi api = new HttpApi(base, Endpoints.token(config, context.env(), target));
        if (graph.isEmpty()) {
            // §6.3: probe the server's graphs; a non-empty list means a graph must be chosen
            List<String> ids = new ArrayList<>();
            try {
                new RemotePlane(api, Optional.empty()).graphs().path("graphs").forEach(g -> ids.add(g.path("graph_id").asText()));
            } catch (CliException probeFailed) {
                // 403, 405, unreachable: proceed with the bare URL
            }
            if (!ids.isEmpty()) {
                throw new CliException("usage", "server scope '" + server + "' has " + ids.size() + " graph"
                        + (ids.size() == 1 ? "" : "s") + ": " + ids + "; pass --graph <id> to select one (or set"
                        + " `default_graph` in the profile or `defaults` of " + config.file() + ")", ExitCodes.USAGE);
            }
        }
        return new RemotePlane(api, graph);
    }

    /**
     * Runs a plane call: engine errors become {@code error[code]: message}; a server error keeps its code; with
     * {@code json}, a structured error body (merge conflicts, precondition failure, feed gap, …) is printed on stdout.
     */
    public static <T> T call(CliContext context, boolean json, Supplier<T> action) {
        try {
            return io.omnigraph.cli.history.HistoryOutput.call(context, json, action);
        } catch (RemoteError e) {
            if (json && e.body().isPresent() && structured(e.body().get())) {
                context.printJson(e.body().get());
            }
            throw e;
        }
    }

    /**
     * Like {@link #call(CliContext, boolean, Supplier)}, and a "not found" naming a branch, type or graph gets a
     * "did you mean …?" from what {@code plane} has.
     */
    public static <T> T call(CliContext context, boolean json, DataPlane plane, Supplier<T> action) {
        try {
            return call(context, json, action);
        } catch (CliException e) {
            throw suggest(e, plane);
        }
    }

    /** Runs a stored-query invocation; an unknown name gets "did you mean …?" from the graph's catalog. */
    public static <T> T invoke(CliContext context, boolean json, DataPlane plane, String name, Supplier<T> action) {
        try {
            return call(context, json, plane, action);
        } catch (RemoteError e) {
            if (e.status() != 404 || !(plane instanceof RemotePlane r)) {
                throw e;
            }
            List<String> names;
            try {
                names = r.storedQueryNames();
            } catch (RuntimeException ignored) {
                throw e;
            }
            if (names.contains(name)) {
                throw e;
            }
            throw e.withMessage("stored query '" + name + "' not found in " + plane.target() + " (stored queries: "
                    + names + ")" + io.omnigraph.cli.support.Suggest.clause(name, names));
        }
    }

    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("(branch|type|graph) '([^']+)' (?:not found|does not exist)");

    private static CliException suggest(CliException e, DataPlane plane) {
        java.util.regex.Matcher m = MISSING.matcher(String.valueOf(e.getMessage()));
        if (!m.find() || e.getMessage().contains("did you mean")) {
            return e;
        }
        List<String> known = new ArrayList<>();
        try {
            switch (m.group(1)) {
                case "branch" -> known.addAll(plane.branches());
                case "type" -> plane.snapshot("main").path("datasets").forEach(d -> known.add(d.path("type_name").asText()));
                default -> {
                    if (plane instanceof RemotePlane r) {
                        r.root().graphs().path("graphs").forEach(g -> known.add(g.path("graph_id").asText()));
                    }
                }
            }
        } catch (RuntimeException ignored) {
            return e;
        }
        String clause = io.omnigraph.cli.support.Suggest.clause(m.group(2), known);
        if (clause.isEmpty()) {
            return e;
        }
        CliException out = e instanceof RemoteError r ? r.withMessage(e.getMessage() + clause)
                : new CliException(e.code(), e.getMessage() + clause, e.exitCode());
        return out;
    }

    private static boolean structured(JsonNode body) {
        for (String k : List.of("merge_conflicts", "precondition_failure", "change_feed_gap", "change_diff_refusal",
                "resource_limit", "key_conflict")) {
            if (body.has(k)) {
                return true;
            }
        }
        return false;
    }

    /** {@code omnigraph <verb> → <target> (<lane>)} on stderr unless {@code --quiet} (§6.6). */
    public static void echo(CliContext context, boolean quiet, String verb, DataPlane plane) {
        if (!quiet) {
            context.err().println("omnigraph " + verb + " → " + plane.target() + " (" + plane.lane() + ")");
        }
    }

    /** Destructive writes against a non-local target (remote storage or a served graph) need consent (§6.6). */
    public static void confirm(CliContext context, boolean yes, String label, DataPlane plane, boolean json) {
        if (plane.local()) {
            return;
        }
        Engines.confirmDestructive(context, yes, label, plane.target(), json);
    }
}
