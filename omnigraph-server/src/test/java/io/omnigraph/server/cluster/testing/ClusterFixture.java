package io.omnigraph.server.cluster.testing;

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
import io.omnigraph.server.auth.TokenConfigException;
import io.omnigraph.server.cluster.BootFailure;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.http.ServerStartException;
import io.omnigraph.storage.ObjectStore;
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
import java.util.function.UnaryOperator;

/**
 * A cluster config directory in a temp dir, applied with the real control plane over the real engine, and servers
 * started from it with {@link ClusterServer} exactly as {@code omnigraph-server --cluster DIR} does.
 */
public final class ClusterFixture {
    /** Spec §8 fixture F. */
    public static final String PEOPLE_PG = "node Person {\n    name: String @key\n    age: I32?\n}\n";
    public static final String PEOPLE_GQ = "query find_person($name: String) {\n    match { $p: Person { name: $name } }\n"
            + "    return { $p.name, $p.age }\n}\n";
    public static final String BASE_POLICY = "version: 1\ngroups:\n  cluster_operators: [act-cluster-test, act-operator, andrew]\n"
            + "rules:\n  - id: operators-change\n    allow:\n      actors: { group: cluster_operators }\n      actions: [change]\n";
    public static final String F_NO_POLICIES = """
            version: 1
            metadata:
              name: company-brain
            state: { backend: cluster, lock: true }
            graphs:
              knowledge:
                schema: ./people.pg
                queries:
                  find_person: { file: ./people.gq }
            """;
    public static final String F_POLICIES = """
            policies:
              base:
                file: ./base.policy.yaml
                applies_to: [knowledge]
            """;
    private static final String DEMO = "/cluster/company-brain/";
    private static final List<String> DEMO_FILES = List.of("cluster.yaml", "base.policy.yaml", "server.policy.yaml",
            "people.pg", "seed.jsonl", "queries/people.gq", "queries/docs.gq", "queries/changes.gq");

    public final Path dir;
    /** Opens storage locations (S3 tests pass the S3Proxy environment). */
    public java.util.function.Function<String, ObjectStore> opener = ObjectStores::open;

    public ClusterFixture(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixture F (spec §8) with or without its {@code policies:} block. */
    public static ClusterFixture peopleF(Path dir, boolean withPolicy) {
        ClusterFixture f = new ClusterFixture(dir);
        f.write("people.pg", PEOPLE_PG).write("people.gq", PEOPLE_GQ).write("base.policy.yaml", BASE_POLICY)
                .write("cluster.yaml", F_NO_POLICIES + (withPolicy ? F_POLICIES : ""));
        return f;
    }

    /** The company-brain demo layout (a copy of the CLI's demo resources). */
    public static ClusterFixture companyBrain(Path dir) {
        ClusterFixture f = new ClusterFixture(dir);
        for (String file : DEMO_FILES) {
            f.write(file, resource(DEMO + file));
        }
        return f;
    }

    public static String resource(String path) {
        try (InputStream in = ClusterFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClusterFixture write(String rel, String text) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String rel) {
        try {
            return Files.readString(dir.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String rel) {
        try {
            Path p = dir.resolve(rel);
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClusterControlPlane cp() {
        return new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(), opener, Clock.systemUTC(),
                Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
    }

    public JsonNode importState() {
        return cp().importState(dir).json();
    }

    public JsonNode apply() {
        return cp().apply(dir, Optional.of("act-cluster-test")).json();
    }

    /** import (when no ledger yet) + apply; asserts convergence. */
    public ClusterFixture converge() {
        if (!rootStore().exists(ClusterLayout.STATE_KEY)) {
            JsonNode i = importState();
            if (!i.path("ok").asBoolean()) {
                throw new AssertionError("import failed: " + i.toPrettyString());
            }
        }
        JsonNode a = apply();
        if (!a.path("converged").asBoolean()) {
            throw new AssertionError("did not converge: " + a.toPrettyString());
        }
        return this;
    }

    /** The storage root: the config dir, or the {@code storage:} of cluster.yaml. */
    public ObjectStore rootStore() {
        return opener.apply(io.omnigraph.cluster.config.ConfigLoader.header(dir).header()
                .map(h -> h.storageLocation()).orElse(dir.toString()));
    }

    /** Opens an applied graph directly (unrestricted), for loading data and checking what was written. */
    public Graph openGraph(String id) {
        return OmniGraph.open(new PrefixedObjectStore(rootStore(), ClusterLayout.graphRootKey(id)), OpenOptions.defaults());
    }

    public ClusterFixture load(String graphId, String ndjson) {
        try (Graph g = openGraph(graphId)) {
            g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                    "main", LoadMode.OVERWRITE));
        }
        return this;
    }

    /** Number of commits reachable from {@code branch} (what a refused request must not change). */
    public int commitCount(String graphId, String branch) {
        try (Graph g = openGraph(graphId)) {
            return g.commits(Optional.empty(), branch, Integer.MAX_VALUE).size();
        }
    }

    // ------------------------------------------------------------------------------------------------ serving

    public static ServerConfig config(boolean unauthenticated) {
        return ServerConfig.defaults(new BindAddress("127.0.0.1", 0), unauthenticated);
    }

    public ClusterServer.Options options(boolean unauthenticated, Map<String, String> tokens) {
        BearerTokens t;
        try {
            t = tokens.isEmpty() ? BearerTokens.none() : BearerTokens.of(tokens, "test");
        } catch (TokenConfigException e) {
            throw new IllegalArgumentException(e);
        }
        return ClusterServer.Options.of(dir.toString(), config(unauthenticated), t).withEnv(Env.of(Map.of()))
                .withReloadInterval(Duration.ZERO).withStoreOpener(opener);
    }

    public Served serve(boolean unauthenticated, Map<String, String> tokens) {
        return serve(options(unauthenticated, tokens));
    }

    public Served serve(boolean unauthenticated, Map<String, String> tokens, UnaryOperator<ClusterServer.Options> tweak) {
        return serve(tweak.apply(options(unauthenticated, tokens)));
    }

    public static Served serve(ClusterServer.Options options) {
        try {
            return new Served(ClusterServer.start(options));
        } catch (BootFailure | ServerStartException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The boot refusal of {@code options} (fails when the server starts). */
    public static String refusal(ClusterServer.Options options) {
        try (ClusterServer s = ClusterServer.start(options)) {
            throw new AssertionError("the server started, but a refusal was expected: " + s.baseUrl());
        } catch (BootFailure | ServerStartException e) {
            return e.getMessage();
        }
    }
}
