package io.omnigraph.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.wrap.PrefixedObjectStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The company-brain demo cluster, applied with the real control plane over the real engine, seeded, and served by an
 * in-process {@link ClusterServer} on a loopback port with a bearer token for {@code andrew} (PolicyEnabled mode,
 * so every request pays authentication and the Cedar gate).
 */
public final class DemoCluster implements AutoCloseable {
    public static final String TOKEN = "bench-token-andrew";
    private static final String ROOT = "/io/omnigraph/bench/server/company-brain/";
    private static final List<String> FILES = List.of("cluster.yaml", "base.policy.yaml", "server.policy.yaml", "people.pg",
            "seed.jsonl", "queries/people.gq", "queries/docs.gq", "queries/changes.gq", "queries/lookup.gq");

    private final Path dir;
    private final ClusterServer server;

    private DemoCluster(Path dir, ClusterServer server) {
        this.dir = dir;
        this.server = server;
    }

    /** Lays the demo out in {@code dir} (must be empty or absent), applies, loads the seed and serves it. */
    public static DemoCluster start(Path dir) throws Exception {
        for (String f : FILES) {
            Path out = dir.resolve(f);
            Files.createDirectories(out.getParent());
            try (InputStream in = DemoCluster.class.getResourceAsStream(ROOT + f)) {
                if (in == null) {
                    throw new IllegalStateException("bench resource missing: " + f);
                }
                Files.write(out, in.readAllBytes());
            }
        }
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(), ObjectStores::open,
                Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "bench@localhost:1"));
        check(cp.importState(dir).json(), "import", "ok");
        check(cp.apply(dir, Optional.of("andrew")).json(), "apply", "converged");
        try (Graph g = OmniGraph.open(new PrefixedObjectStore(ObjectStores.open(dir.toString()),
                ClusterLayout.graphRootKey("knowledge")), OpenOptions.defaults())) {
            g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("seed.jsonl"))),
                    "main", LoadMode.OVERWRITE));
        }
        ServerConfig config = ServerConfig.defaults(new BindAddress("127.0.0.1", 0), false);
        ClusterServer server = ClusterServer.start(ClusterServer.Options.of(dir.toString(), config,
                        BearerTokens.of(Map.of("andrew", TOKEN), "bench"))
                .withEnv(Env.of(Map.of())).withReloadInterval(Duration.ZERO));
        return new DemoCluster(dir, server);
    }

    private static void check(JsonNode result, String what, String field) {
        if (!result.path(field).asBoolean()) {
            throw new IllegalStateException("cluster " + what + " failed: " + result.toPrettyString());
        }
    }

    public int port() {
        return server.http().address().getPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    public Path dir() {
        return dir;
    }

    public ClusterServer server() {
        return server;
    }

    /** The id of main's head commit (for commit lookups). */
    public String headCommit() {
        try (Graph g = OmniGraph.open(new PrefixedObjectStore(ObjectStores.open(dir.toString()),
                ClusterLayout.graphRootKey("knowledge")), OpenOptions.defaults())) {
            return g.commits(Optional.empty(), "main", 1).get(0).graphCommitId();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
