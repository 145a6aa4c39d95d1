package io.omnigraph.cli.mcp;

import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.cli.support.Version;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.format.FormatVersion;
import io.omnigraph.server.cluster.EngineGraphService;
import io.omnigraph.server.mcp.EmbeddedMcp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph mcp}: an MCP server on stdio for agents that launch tools as processes (Claude Desktop, Cursor, …).
 *
 * <ul>
 *   <li>{@code --server URL [--graph ID]}: a bridge to the server's Streamable-HTTP endpoint
 *       ({@code /graphs/ID/mcp}, or {@code /mcp} without {@code --graph}); the bearer token comes from
 *       {@code --token} or {@code $OMNIGRAPH_TOKEN}. The server's policy decides what the agent sees.</li>
 *   <li>{@code --store URI}: the same tools served in process over one graph's storage (direct access: no policy,
 *       like every {@code --store} command).</li>
 * </ul>
 * Stdout carries only MCP messages; diagnostics go to stderr.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve MCP (Model Context Protocol) on stdin/stdout for an AI agent.",
                "  --server URL [--graph ID]  bridge to a running omnigraph-server (token: --token or $OMNIGRAPH_TOKEN)",
                "  --store URI                serve one graph's storage directly (no server, no policy)"},
        footer = {"", "Example (Claude Desktop / Cursor config): command \"omnigraph\", args [\"mcp\", \"--server\",",
                "\"http://127.0.0.1:8080\", \"--graph\", \"knowledge\"], env {\"OMNIGRAPH_TOKEN\": \"…\"}. See docs/mcp.md."})
public final class McpCommand implements Callable<Integer> {
    /** Environment variable holding the bearer token for {@code --server}. */
    public static final String TOKEN_ENV = "OMNIGRAPH_TOKEN";

    private final CliContext context;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for --server (default: $" + TOKEN_ENV + "). Prefer the environment: flags are"
                    + " visible in the process list.")
    Optional<String> token;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Per-message HTTP timeout for --server (default: 300).")
    int timeoutSeconds;

    public McpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Optional<String> server = context.flags().server();
        Optional<String> store = context.flags().store();
        Optional<String> graph = context.flags().graph();
        if (server.isPresent() && store.isPresent()) {
            throw new CliException("usage", "--server and --store are mutually exclusive: bridge to a server, or serve"
                    + " one graph's storage directly", ExitCodes.USAGE);
        }
        if (server.isPresent()) {
            return bridge(server.get(), graph);
        }
        if (store.isPresent()) {
            if (graph.isPresent()) {
                throw new CliException("usage", "--graph cannot be combined with --store: a storage URI addresses a"
                        + " single graph already", ExitCodes.USAGE);
            }
            return embedded(store.get());
        }
        throw new CliException("usage", "`omnigraph mcp` needs a graph: --server <url> --graph <id> (bridge to a"
                + " running server) or --store <uri> (serve the storage directly)", ExitCodes.USAGE);
    }

    private int bridge(String server, Optional<String> graph) throws IOException {
        if (timeoutSeconds < 1) {
            throw new CliException("usage", "--timeout must be at least 1 second", ExitCodes.USAGE);
        }
        URI endpoint = endpoint(server, graph);
        Optional<String> bearer = token.filter(t -> !t.isBlank())
                .or(() -> Optional.ofNullable(context.env().get(TOKEN_ENV)).filter(t -> !t.isBlank()));
        context.err().println("omnigraph mcp: bridging stdio to " + endpoint + (bearer.isPresent()
                ? " (bearer token set)" : " (no token: only an --unauthenticated server will answer)"));
        HttpBridge b = new HttpBridge(endpoint, bearer, context.err(), Duration.ofSeconds(timeoutSeconds));
        StdioLoop.run(context.in(), context.out(), b::forward);
        return ExitCodes.OK;
    }

    /** {@code URL/graphs/ID/mcp}, {@code URL/mcp}, or the URL itself when it already ends with {@code /mcp}. */
    static URI endpoint(String server, Optional<String> graph) {
        String lower = server.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new CliException("usage", "--server '" + server + "': `omnigraph mcp` needs the server URL"
                    + " (http://host:port); names from the operator config's `servers:` are not resolved by this"
                    + " command yet", ExitCodes.USAGE);
        }
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        String url;
        if (base.endsWith("/mcp")) {
            if (graph.isPresent()) {
                throw new CliException("usage", "--server already names an MCP endpoint (" + server + "); drop --graph"
                        + " or pass the server's base URL", ExitCodes.USAGE);
            }
            url = base;
        } else {
            url = base + graph.map(g -> "/graphs/" + g).orElse("") + "/mcp";
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException("usage", "--server '" + server + "' is not a valid URL: " + e.getMessage(),
                    ExitCodes.USAGE);
        }
    }

    private int embedded(String uri) throws IOException {
        try (Graph g = Engines.open(context, uri)) {
            String id = graphId(uri);
            EmbeddedMcp mcp = new EmbeddedMcp(EngineGraphService.direct(id, uri, g), FormatVersion.CURRENT,
                    Version.version());
            context.err().println("omnigraph mcp: serving graph '" + id + "' at " + uri + " on stdio (direct access,"
                    + " no policy)");
            StdioLoop.run(context.in(), context.out(), mcp::handle);
        } catch (UncheckedIOException e) {
            throw new CliException("io_error", e.getMessage());
        }
        return ExitCodes.OK;
    }

    /** A graph id for the embedded server: the storage's last path segment without {@code .omni}. */
    static String graphId(String uri) {
        String s = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        s = s.substring(s.lastIndexOf('/') + 1);
        if (s.endsWith(".omni")) {
            s = s.substring(0, s.length() - 5);
        }
        s = s.replaceAll("[^a-zA-Z0-9-]", "-");
        if (s.length() > 64) {
            s = s.substring(0, 64);
        }
        return s.isEmpty() || s.chars().allMatch(c -> c == '-') ? "graph" : s;
    }
}
