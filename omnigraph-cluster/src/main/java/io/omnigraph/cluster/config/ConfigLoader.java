package io.omnigraph.cluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.config.DesiredCluster.Dependency;
import io.omnigraph.cluster.config.DesiredCluster.DesiredResource;
import io.omnigraph.cluster.config.DesiredCluster.GraphSpec;
import io.omnigraph.cluster.config.DesiredCluster.PolicySpec;
import io.omnigraph.cluster.config.DesiredCluster.ProviderSpec;
import io.omnigraph.cluster.config.DesiredCluster.QuerySpec;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.Diagnostics;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.Phase;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.policy.PolicyDiagnostic;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads {@code <config-dir>/cluster.yaml} and every source it references, validating strictly (spec §1): duplicate
 * keys, reserved and removed keys, unknown keys and wrong types, ids, sources (parse + typecheck), policy bindings
 * and kind alignment, embedding profiles, external-blob policies. Never throws for bad input: every problem is a
 * diagnostic naming the key path or file. Reads only the local config dir (never the store).
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "cluster.yaml";
    static final Set<String> TOP_KEYS = Set.of("version", "metadata", "storage", "state", "providers", "graphs", "policies");
    static final List<String> RESERVED = List.of("apply", "env_file", "pipelines", "embeddings", "ui", "aliases", "bindings");
    private static final Map<String, String[]> PROVIDER_DEFAULTS = Map.of(
            "openai-compatible", new String[]{"https://openrouter.ai/api/v1", "openai/text-embedding-3-large"},
            "openai", new String[]{"https://api.openai.com/v1", "text-embedding-3-large"},
            "gemini", new String[]{"https://generativelanguage.googleapis.com/v1beta", "gemini-embedding-2"},
            "mock", new String[]{"", "mock"});

    private final Path dir;
    private final Diagnostics d = new Diagnostics();

    private ConfigLoader(Path dir) {
        this.dir = dir;
    }

    /** The result of reading just the header (see {@link #header(Path)}). */
    public record HeaderResult(Optional<ConfigHeader> header, List<io.omnigraph.cluster.diag.ClusterDiagnostic> diagnostics) {
        public boolean ok() {
            return header.isPresent() && diagnostics.stream().noneMatch(io.omnigraph.cluster.diag.ClusterDiagnostic::isError);
        }
    }

    /**
     * Reads only what locates the state (structure + {@code version}, {@code metadata}, {@code storage},
     * {@code state}); used by {@code status} and {@code force-unlock}, which must work on a config whose sources
     * are broken.
     */
    public static HeaderResult header(Path configDir) {
        ConfigLoader l = new ConfigLoader(configDir);
        Optional<JsonNode> root = l.readTree();
        if (root.isEmpty()) {
            return new HeaderResult(Optional.empty(), l.d.list());
        }
        Optional<ConfigHeader> h = l.headerOf(root.get());
        return new HeaderResult(h, l.d.list());
    }

    /** Loads and fully validates the cluster declared in {@code configDir}. */
    public static DesiredCluster load(Path configDir) {
        return new ConfigLoader(configDir).loadAll();
    }

    // ------------------------------------------------------------------------------------------------ reading

    private Optional<JsonNode> readTree() {
        if (!Files.isDirectory(dir)) {
            d.error(ClusterCode.CONFIG_DIR_NOT_FOUND, dir.toString(), "config directory `" + dir
                    + "` does not exist or is not a directory; pass --config <dir> holding cluster.yaml");
            return Optional.empty();
        }
        Path file = dir.resolve(FILE_NAME);
        String text;
        try {
            text = readUtf8(file);
        } catch (IOException e) {
            d.error(ClusterCode.CLUSTER_CONFIG_READ_ERROR, file.toString(), "cannot read " + FILE_NAME + ": "
                    + describe(e) + " (the file must be named exactly cluster.yaml)");
            return Optional.empty();
        }
        YamlTree.Result r;
        try {
            r = YamlTree.read(text);
        } catch (YamlTree.SyntaxError e) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, FILE_NAME + (e.line > 0 ? ":" + e.line : ""),
                    "cluster.yaml is not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
        for (YamlTree.Duplicate dup : r.duplicates()) {
            d.error(ClusterCode.DUPLICATE_YAML_KEY, dup.path(), "duplicate key `" + dup.path() + "` on line "
                    + dup.line() + "; each key may appear once");
        }
        JsonNode root = r.root();
        if (root == null || root.isNull()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, FILE_NAME, "cluster.yaml is empty; it needs at least `version: 1`");
            return Optional.empty();
        }
        if (!root.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, FILE_NAME, "cluster.yaml must be a mapping of keys (version, graphs, ...)");
            return Optional.empty();
        }
        for (String k : RESERVED) {
            if (root.has(k)) {
                d.error(ClusterCode.FUTURE_PHASE_FIELD, k, "`" + k + "` is reserved for a future phase and not supported;"
                        + " remove it from cluster.yaml");
            }
        }
        JsonNode graphs = root.path("graphs");
        if (graphs.isObject()) {
            graphs.properties().forEach(e -> {
                if (e.getValue().isObject() && e.getValue().has("streaming")) {
                    d.error(ClusterCode.REMOVED_STREAMING_DECLARATION, "graphs." + e.getKey() + ".streaming",
                            "`streaming` declarations were removed; delete the key");
                }
            });
        }
        if (d.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(root);
    }

    private Optional<ConfigHeader> headerOf(JsonNode root) {
        int errorsBefore = d.size();
        unknownKeys(root, TOP_KEYS, "");
        JsonNode v = root.get("version");
        if (v == null || v.isNull()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, "version", "missing required key `version` (set `version: 1`)");
        } else if (!v.isIntegralNumber()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, "version", "`version` must be an integer (set `version: 1`)");
        } else if (v.asLong() != 1) {
            d.error(ClusterCode.UNSUPPORTED_CLUSTER_CONFIG_VERSION, "version", "unsupported cluster config version "
                    + v.asLong() + "; this omnigraph supports `version: 1`");
        }
        Optional<String> name = Optional.empty();
        JsonNode md = root.get("metadata");
        if (md != null && !md.isNull()) {
            if (!md.isObject()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, "metadata", "`metadata` must be a mapping");
            } else {
                unknownKeys(md, Set.of("name"), "metadata");
                JsonNode n = md.get("name");
                if (n != null && !n.isNull()) {
                    if (!n.isTextual()) {
                        d.error(ClusterCode.INVALID_CLUSTER_YAML, "metadata.name", "`metadata.name` must be a string");
                    } else if (n.asText().isBlank()) {
                        d.error(ClusterCode.EMPTY_METADATA_NAME, "metadata.name", "`metadata.name` is blank; remove it or give a name");
                    } else {
                        name = Optional.of(n.asText());
                    }
                }
            }
        }
        Optional<String> storage = Optional.empty();
        JsonNode st = root.get("storage");
        if (st != null && !st.isNull()) {
            if (!st.isTextual()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, "storage", "`storage` must be a string URI (s3://bucket/prefix or a path)");
            } else {
                String s = st.asText().trim();
                while (s.length() > 1 && s.endsWith("/") && !s.endsWith("://")) {
                    s = s.substring(0, s.length() - 1);
                }
                if (s.isBlank()) {
                    d.error(ClusterCode.INVALID_STORAGE_ROOT, "storage", "`storage` is blank; remove it to keep state in the config directory");
                } else if (s.startsWith("s3://") && (s.length() == 5 || s.charAt(5) == '/')) {
                    d.error(ClusterCode.INVALID_STORAGE_ROOT, "storage", "`" + s + "` has no bucket; use s3://<bucket>/<prefix>");
                } else if (s.contains("://") && !s.startsWith("s3://") && !s.startsWith("file://")) {
                    d.error(ClusterCode.INVALID_STORAGE_ROOT, "storage", "unsupported storage scheme in `" + s
                            + "`; use s3://bucket/prefix, file:///abs/path or a path");
                } else {
                    storage = Optional.of(s);
                }
            }
        }
        boolean lock = true;
        JsonNode state = root.get("state");
        if (state != null && !state.isNull()) {
            if (!state.isObject()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, "state", "`state` must be a mapping {backend, lock}");
            } else {
                unknownKeys(state, Set.of("backend", "lock"), "state");
                JsonNode b = state.get("backend");
                if (b != null && !b.isNull() && !(b.isTextual() && b.asText().equals("cluster"))) {
                    d.error(ClusterCode.UNSUPPORTED_STATE_BACKEND, "state.backend", "unsupported state backend `"
                            + b.asText() + "`; only `cluster` (the storage root's __cluster/) is supported");
                }
                JsonNode l = state.get("lock");
                if (l != null && !l.isNull()) {
                    if (!l.isBoolean()) {
                        d.error(ClusterCode.INVALID_CLUSTER_YAML, "state.lock", "`state.lock` must be true or false");
                    } else {
                        lock = l.asBoolean();
                    }
                }
            }
        }
        if (d.size() > errorsBefore && d.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigHeader(dir, name, storage, lock));
    }

    // ------------------------------------------------------------------------------------------------ full load

    private DesiredCluster loadAll() {
        Optional<JsonNode> rootOpt = readTree();
        ConfigHeader fallback = new ConfigHeader(dir, Optional.empty(), Optional.empty(), true);
        if (rootOpt.isEmpty()) {
            return empty(fallback);
        }
        JsonNode root = rootOpt.get();
        Optional<ConfigHeader> header = headerOf(root);
        // type-check the remaining top-level sections even when the header failed, to report everything at once
        SortedMap<String, ProviderSpec> providers = providers(root.get("providers"));
        SortedMap<String, GraphSpec> graphs = graphs(root.get("graphs"), providers);
        SortedMap<String, PolicySpec> policies = policies(root.get("policies"), graphs);
        if (header.isEmpty()) {
            return new DesiredCluster(fallback, graphs, policies, providers, new TreeMap<>(), List.of(), "", d.list());
        }
        SortedMap<String, DesiredResource> resources = new TreeMap<>();
        providers.values().forEach(p -> resources.put(Addresses.provider(p.name()),
                new DesiredResource(Addresses.provider(p.name()), ResourceKind.EMBEDDING_PROVIDER, p.digest(), Optional.empty())));
        for (GraphSpec g : graphs.values()) {
            String providerDigest = g.embeddingProvider().map(a -> resources.containsKey(a) ? resources.get(a).digest() : "").orElse("");
            resources.put(Addresses.graph(g.id()), new DesiredResource(Addresses.graph(g.id()), ResourceKind.GRAPH,
                    Digests.graphComposite(g.id(), g.schemaDigest(), queryDigests(g), g.embeddingProvider(),
                            providerDigest, g.externalBlobPolicy()), Optional.empty()));
            resources.put(Addresses.schema(g.id()), new DesiredResource(Addresses.schema(g.id()), ResourceKind.SCHEMA,
                    g.schemaDigest(), Optional.of(g.schemaPath())));
            g.queries().values().forEach(q -> resources.put(Addresses.query(g.id(), q.name()), new DesiredResource(
                    Addresses.query(g.id(), q.name()), ResourceKind.QUERY, q.digest(), Optional.of(q.path()))));
        }
        policies.values().forEach(p -> resources.put(Addresses.policy(p.name()), new DesiredResource(
                Addresses.policy(p.name()), ResourceKind.POLICY, p.digest(), Optional.of(p.path()))));
        TreeSet<Dependency> deps = new TreeSet<>();
        for (GraphSpec g : graphs.values()) {
            deps.add(new Dependency(Addresses.schema(g.id()), Addresses.graph(g.id())));
            for (QuerySpec q : g.queries().values()) {
                deps.add(new Dependency(Addresses.query(g.id(), q.name()), Addresses.graph(g.id())));
                deps.add(new Dependency(Addresses.query(g.id(), q.name()), Addresses.schema(g.id())));
            }
            g.embeddingProvider().ifPresent(p -> deps.add(new Dependency(Addresses.graph(g.id()), p)));
        }
        for (PolicySpec p : policies.values()) {
            p.appliesTo().stream().filter(b -> b.startsWith("graph.") && graphs.containsKey(b.substring(6)))
                    .forEach(b -> deps.add(new Dependency(Addresses.policy(p.name()), b)));
        }
        String digest = Digests.configDigest(canonicalConfig(root), resources);
        return new DesiredCluster(header.get(), graphs, policies, providers, resources, List.copyOf(deps), digest, d.list());
    }

    private DesiredCluster empty(ConfigHeader h) {
        return new DesiredCluster(h, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), List.of(), "", d.list());
    }

    static SortedMap<String, String> queryDigests(GraphSpec g) {
        SortedMap<String, String> m = new TreeMap<>();
        g.queries().values().forEach(q -> m.put(q.name(), q.digest()));
        return m;
    }

    // ------------------------------------------------------------------------------------------------ providers

    private SortedMap<String, ProviderSpec> providers(JsonNode node) {
        SortedMap<String, ProviderSpec> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, "providers", "`providers` must be a mapping with an `embedding` key");
            return out;
        }
        unknownKeys(node, Set.of("embedding"), "providers");
        JsonNode emb = node.get("embedding");
        if (emb == null || emb.isNull()) {
            return out;
        }
        if (!emb.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, "providers.embedding", "`providers.embedding` must map names to profiles");
            return out;
        }
        for (Map.Entry<String, JsonNode> e : emb.properties()) {
            String name = e.getKey();
            String path = "providers.embedding." + name;
            if (!Addresses.RESOURCE_ID.matcher(name).matches()) {
                d.error(ClusterCode.INVALID_RESOURCE_ID, path, "invalid provider name `" + name
                        + "`: names match ^[A-Za-z_][A-Za-z0-9_-]*$");
                continue;
            }
            JsonNode p = e.getValue();
            if (p == null || p.isNull()) {
                p = JsonNodeFactory.instance.objectNode();
            }
            if (!p.isObject()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path, "a provider profile must be a mapping {kind, base_url, model, api_key}");
                continue;
            }
            unknownKeys(p, Set.of("kind", "provider", "base_url", "model", "api_key"), path);
            if (p.has("kind") && p.has("provider")) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".provider", "`provider` is an alias of `kind`; give only one");
            }
            String kind = "openai-compatible";
            JsonNode k = p.has("kind") ? p.get("kind") : p.get("provider");
            boolean bad = false;
            if (k != null && !k.isNull()) {
                if (!k.isTextual() || !PROVIDER_DEFAULTS.containsKey(k.asText())) {
                    d.error(ClusterCode.INVALID_EMBEDDING_PROVIDER, path + ".kind", "unknown embedding provider kind `"
                            + k.asText() + "`; use openai-compatible, openai, gemini or mock");
                    bad = true;
                } else {
                    kind = k.asText();
                }
            }
            ObjectNode profile = CanonicalJson.object();
            profile.put("kind", kind);
            for (String f : List.of("base_url", "model", "api_key")) {
                JsonNode fv = p.get(f);
                if (fv != null && !fv.isNull()) {
                    if (!fv.isTextual()) {
                        d.error(ClusterCode.INVALID_CLUSTER_YAML, path + "." + f, "`" + f + "` must be a string");
                        bad = true;
                    } else {
                        profile.put(f, fv.asText());
                    }
                }
            }
            if (profile.has("api_key")) {
                String key = profile.get("api_key").asText();
                if (!key.matches("^\\$\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*}$")) {
                    d.error(ClusterCode.EMBEDDING_API_KEY_INLINE, path + ".api_key", "api_key must reference an"
                            + " environment variable as ${NAME}; inline secrets are not allowed in cluster.yaml");
                    bad = true;
                }
            } else if (!kind.equals("mock")) {
                d.error(ClusterCode.EMBEDDING_API_KEY_REQUIRED, path + ".api_key", "provider kind `" + kind
                        + "` needs `api_key: ${NAME}` (resolved from the server's environment at boot)");
                bad = true;
            }
            if (!bad) {
                out.put(name, new ProviderSpec(name, profile, Digests.providerDigest(profile)));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ graphs

    private SortedMap<String, GraphSpec> graphs(JsonNode node, SortedMap<String, ProviderSpec> providers) {
        SortedMap<String, GraphSpec> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, "graphs", "`graphs` must map graph ids to {schema, queries}");
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String id = e.getKey();
            String path = "graphs." + id;
            Optional<String> idProblem = Addresses.graphIdProblem(id);
            if (idProblem.isPresent()) {
                d.error(ClusterCode.INVALID_RESOURCE_ID, path, idProblem.get());
                continue;
            }
            JsonNode g = e.getValue();
            if (g == null || !g.isObject()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path, "a graph must be a mapping with at least `schema: <file.pg>`");
                continue;
            }
            unknownKeys(g, Set.of("schema", "queries", "embedding_provider", "external_blobs"), path);
            JsonNode schemaNode = g.get("schema");
            if (schemaNode == null || schemaNode.isNull() || !schemaNode.isTextual()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".schema", "missing required key `schema` (a path to a .pg file)");
                continue;
            }
            String schemaPath = schemaNode.asText();
            Path schemaFile = resolve(schemaPath);
            String schemaSource = "";
            String schemaDigest = "";
            Optional<CompiledSchema> compiled = Optional.empty();
            try {
                byte[] bytes = Files.readAllBytes(schemaFile);
                schemaDigest = CanonicalJson.sha256Hex(bytes);
                schemaSource = utf8(bytes);
                try {
                    SchemaCompiler.parse(schemaSource, schemaPath);
                    try {
                        compiled = Optional.of(SchemaCompiler.compile(schemaSource, schemaPath));
                    } catch (CompileException ce) {
                        d.error(ce.code().phase() == Phase.PARSE ? ClusterCode.SCHEMA_PARSE_ERROR : ClusterCode.SCHEMA_CATALOG_ERROR,
                                path + ".schema", oneLine(ce.render()));
                    }
                } catch (CompileException ce) {
                    d.error(ClusterCode.SCHEMA_PARSE_ERROR, path + ".schema", oneLine(ce.render()));
                }
            } catch (IOException ex) {
                d.error(ClusterCode.SCHEMA_FILE_MISSING, path + ".schema", "cannot read schema file `" + schemaPath
                        + "` (" + describe(ex) + "); paths are relative to the config directory");
            }
            SortedMap<String, QuerySpec> queries = queries(id, g.get("queries"), path + ".queries", compiled);
            Optional<String> provider = Optional.empty();
            JsonNode ep = g.get("embedding_provider");
            if (ep != null && !ep.isNull()) {
                if (!ep.isTextual()) {
                    d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".embedding_provider", "`embedding_provider` must be a provider name");
                } else {
                    String ref = ep.asText();
                    String pname = ref.startsWith("provider.embedding.") ? ref.substring("provider.embedding.".length()) : ref;
                    if (pname.contains(".")) {
                        d.error(ClusterCode.WRONG_KIND_REFERENCE, path + ".embedding_provider", "`" + ref
                                + "` is not an embedding provider reference; use <name> or provider.embedding.<name>");
                    } else if (!providers.containsKey(pname)) {
                        d.error(ClusterCode.DANGLING_EMBEDDING_PROVIDER_REFERENCE, path + ".embedding_provider",
                                "embedding provider `" + pname + "` is not declared under providers.embedding");
                    } else {
                        provider = Optional.of(Addresses.provider(pname));
                    }
                }
            }
            Optional<ObjectNode> blobs = ExternalBlobs.normalize(g.get("external_blobs"), path + ".external_blobs", d);
            out.put(id, new GraphSpec(id, schemaPath, schemaFile, schemaDigest, schemaSource, compiled, queries, provider, blobs));
        }
        return out;
    }

    private SortedMap<String, QuerySpec> queries(String graph, JsonNode node, String path, Optional<CompiledSchema> schema) {
        SortedMap<String, QuerySpec> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        Map<String, QueryFile> parsed = new LinkedHashMap<>();
        if (node.isTextual() || node.isArray()) {
            List<String> paths = new ArrayList<>();
            if (node.isTextual()) {
                paths.add(node.asText());
            } else {
                int i = 0;
                for (JsonNode el : node) {
                    if (!el.isTextual()) {
                        d.error(ClusterCode.INVALID_CLUSTER_YAML, path + "[" + i + "]", "query paths must be strings");
                    } else {
                        paths.add(el.asText());
                    }
                    i++;
                }
            }
            for (String p : paths) {
                Path resolved = resolve(p);
                List<String[]> files = new ArrayList<>(); // {as written, resolved}
                if (Files.isDirectory(resolved)) {
                    try (Stream<Path> s = Files.list(resolved)) {
                        List<Path> gq = s.filter(f -> f.getFileName().toString().endsWith(".gq") && Files.isRegularFile(f))
                                .sorted().toList();
                        if (gq.isEmpty()) {
                            d.warn(ClusterCode.QUERY_DIR_EMPTY, path, "query directory `" + p + "` holds no .gq files");
                        }
                        String prefix = p.endsWith("/") ? p : p + "/";
                        gq.forEach(f -> files.add(new String[]{prefix + f.getFileName(), f.toString()}));
                    } catch (IOException ex) {
                        d.error(ClusterCode.QUERY_DIR_UNREADABLE, path, "cannot list query directory `" + p + "`: " + describe(ex));
                    }
                } else {
                    files.add(new String[]{p, resolved.toString()});
                }
                for (String[] f : files) {
                    Optional<Source> src = readQuery(f[0], Path.of(f[1]), path);
                    if (src.isEmpty()) {
                        continue;
                    }
                    Optional<QueryFile> qf = parseQuery(src.get(), path);
                    if (qf.isEmpty()) {
                        continue;
                    }
                    for (QueryAst.QueryDecl decl : qf.get().queries()) {
                        if (out.containsKey(decl.name())) {
                            d.error(ClusterCode.DUPLICATE_QUERY_NAME, path, "query `" + decl.name() + "` is declared in both `"
                                    + out.get(decl.name()).path() + "` and `" + f[0] + "`; query names must be unique per graph");
                            continue;
                        }
                        if (!checkQueryName(decl.name(), path)) {
                            continue;
                        }
                        out.put(decl.name(), new QuerySpec(graph, decl.name(), f[0], Path.of(f[1]), src.get().digest, src.get().text));
                        parsed.put(decl.name(), qf.get());
                    }
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                String kp = path + "." + key;
                if (!checkQueryName(key, kp)) {
                    continue;
                }
                JsonNode v = e.getValue();
                if (v == null || !v.isObject() || !v.has("file") || !v.get("file").isTextual()) {
                    d.error(ClusterCode.INVALID_CLUSTER_YAML, kp, "a query entry must be `{ file: <path.gq> }`");
                    continue;
                }
                unknownKeys(v, Set.of("file", "mcp"), kp);
                boolean expose = mcpExpose(v.get("mcp"), kp + ".mcp");
                String p = v.get("file").asText();
                Optional<Source> src = readQuery(p, resolve(p), kp + ".file");
                if (src.isEmpty()) {
                    continue;
                }
                Optional<QueryFile> qf = parseQuery(src.get(), kp + ".file");
                if (qf.isEmpty()) {
                    continue;
                }
                if (qf.get().query(key).isEmpty()) {
                    d.error(ClusterCode.QUERY_KEY_MISMATCH, kp, "`" + p + "` declares no `query " + key + "` (it declares: "
                            + qf.get().names() + "); the key must name a query in the file");
                    continue;
                }
                out.put(key, new QuerySpec(graph, key, p, resolve(p), src.get().digest, src.get().text, expose));
                parsed.put(key, qf.get());
            }
        } else {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, path, "`queries` must be a path, a list of paths, or a map name → {file}");
            return out;
        }
        for (QuerySpec q : out.values()) {
            if (schema.isEmpty()) {
                d.warn(ClusterCode.QUERY_TYPECHECK_SKIPPED, Addresses.query(graph, q.name()), "query `" + q.name()
                        + "` was not type-checked because the graph's schema is invalid");
                continue;
            }
            QueryFile qf = parsed.get(q.name());
            try {
                QueryCompiler.typecheck(qf, q.name(), schema.get().catalog());
            } catch (CompileException ce) {
                d.error(ClusterCode.QUERY_TYPECHECK_ERROR, Addresses.query(graph, q.name()), "query `" + q.name()
                        + "` in `" + q.path() + "` does not type-check against the declared schema: " + oneLine(ce.render()));
            }
        }
        return out;
    }

    /** {@code mcp: { expose: <bool> }} of one query entry (absent ⇒ exposed). */
    private boolean mcpExpose(JsonNode mcp, String path) {
        if (mcp == null || mcp.isNull()) {
            return true;
        }
        if (!mcp.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, path, "`mcp` must be a mapping such as `{ expose: false }`");
            return true;
        }
        unknownKeys(mcp, Set.of("expose"), path);
        JsonNode e = mcp.get("expose");
        if (e == null || e.isNull()) {
            return true;
        }
        if (!e.isBoolean()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".expose", "`expose` must be true or false (unquoted)");
            return true;
        }
        return e.asBoolean();
    }

    private boolean checkQueryName(String name, String path) {
        if (!Addresses.RESOURCE_ID.matcher(name).matches()) {
            d.error(ClusterCode.INVALID_RESOURCE_ID, path, "invalid query name `" + name + "`: names match ^[A-Za-z_][A-Za-z0-9_-]*$");
            return false;
        }
        return true;
    }

    private record Source(String path, String text, String digest) {
    }

    private Optional<Source> readQuery(String written, Path file, String path) {
        try {
            byte[] b = Files.readAllBytes(file);
            return Optional.of(new Source(written, utf8(b), CanonicalJson.sha256Hex(b)));
        } catch (IOException e) {
            d.error(ClusterCode.QUERY_FILE_MISSING, path, "cannot read query file `" + written + "` (" + describe(e) + ")");
            return Optional.empty();
        }
    }

    private Optional<QueryFile> parseQuery(Source s, String path) {
        try {
            return Optional.of(QueryCompiler.parse(s.text, s.path));
        } catch (CompileException ce) {
            d.error(ClusterCode.QUERY_PARSE_ERROR, path, "`" + s.path + "` does not parse: " + oneLine(ce.render()));
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ policies

    private SortedMap<String, PolicySpec> policies(JsonNode node, SortedMap<String, GraphSpec> graphs) {
        SortedMap<String, PolicySpec> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, "policies", "`policies` must map names to {file, applies_to}");
            return out;
        }
        Map<String, String> scopeOwner = new LinkedHashMap<>();
        JsonNode graphsNode = null;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            String path = "policies." + name;
            if (!Addresses.RESOURCE_ID.matcher(name).matches()) {
                d.error(ClusterCode.INVALID_RESOURCE_ID, path, "invalid policy name `" + name + "`: names match ^[A-Za-z_][A-Za-z0-9_-]*$");
                continue;
            }
            JsonNode p = e.getValue();
            if (p == null || !p.isObject()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path, "a policy must be a mapping {file, applies_to}");
                continue;
            }
            unknownKeys(p, Set.of("file", "applies_to"), path);
            JsonNode f = p.get("file");
            if (f == null || !f.isTextual()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".file", "missing required key `file` (a *.policy.yaml path)");
                continue;
            }
            JsonNode at = p.get("applies_to");
            List<String> bindings = new ArrayList<>();
            boolean bindingsOk = true;
            if (at == null || at.isNull() || (at.isArray() && at.isEmpty())) {
                d.error(ClusterCode.POLICY_MISSING_APPLIES_TO, path + ".applies_to", "`applies_to` is required: list graph ids, or [cluster] for the server-level bundle");
                bindingsOk = false;
            } else if (!at.isArray()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".applies_to", "`applies_to` must be a list");
                bindingsOk = false;
            } else {
                int i = 0;
                for (JsonNode el : at) {
                    String ep = path + ".applies_to[" + i++ + "]";
                    if (!el.isTextual()) {
                        d.error(ClusterCode.INVALID_CLUSTER_YAML, ep, "bindings must be strings");
                        bindingsOk = false;
                        continue;
                    }
                    String v = el.asText();
                    String ref;
                    if (v.equals("cluster")) {
                        ref = "cluster";
                    } else if (v.startsWith("graph.") && !v.substring(6).contains(".")) {
                        ref = v;
                    } else if (v.contains(".")) {
                        d.error(ClusterCode.WRONG_KIND_REFERENCE, ep, "`" + v + "` is not a graph or `cluster`; use a graph id, graph.<id> or cluster");
                        bindingsOk = false;
                        continue;
                    } else {
                        ref = "graph." + v;
                    }
                    if (ref.startsWith("graph.") && !graphs.containsKey(ref.substring(6))) {
                        d.error(ClusterCode.DANGLING_GRAPH_REFERENCE, ep, "policy binds graph `" + ref.substring(6)
                                + "`, which is not declared under graphs");
                        bindingsOk = false;
                        continue;
                    }
                    bindings.add(ref);
                }
            }
            List<String> normalized = bindings.stream().distinct().sorted().toList();
            boolean hasCluster = normalized.contains("cluster");
            boolean hasGraph = normalized.stream().anyMatch(b -> b.startsWith("graph."));
            if (hasCluster && hasGraph) {
                d.error(ClusterCode.POLICY_MIXED_BINDING_KINDS, path + ".applies_to", "a bundle binds either `cluster` (server-level)"
                        + " or graphs, not both; split it into two bundles");
                bindingsOk = false;
            }
            for (String b : normalized) {
                String prev = scopeOwner.putIfAbsent(b, name);
                if (prev != null) {
                    d.error(ClusterCode.DUPLICATE_POLICY_BINDING, path + ".applies_to", "scope `" + b + "` is already bound by policy `"
                            + prev + "`; serving holds one bundle per scope — merge the bundles or bind different scopes");
                    bindingsOk = false;
                }
            }
            String fp = f.asText();
            Path file = resolve(fp);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException ex) {
                d.error(ClusterCode.POLICY_FILE_MISSING, path + ".file", "cannot read policy file `" + fp + "` (" + describe(ex) + ")");
                continue;
            }
            String text;
            try {
                text = utf8(bytes);
            } catch (CharacterCodingException ex) {
                d.error(ClusterCode.POLICY_INVALID, path + ".file", "`" + fp + "` is not valid UTF-8");
                continue;
            }
            try {
                PolicyBundle bundle = PolicyBundle.parse(text, fp, name);
                if (bindingsOk && !normalized.isEmpty()) {
                    bundle.checkKind(hasCluster ? BundleKind.SERVER : BundleKind.GRAPH);
                }
            } catch (PolicyValidationException ex) {
                d.error(ClusterCode.POLICY_INVALID, path + ".file", ex.diagnostics().stream().map(PolicyDiagnostic::render)
                        .collect(Collectors.joining("; ")));
                continue;
            }
            out.put(name, new PolicySpec(name, fp, file, CanonicalJson.sha256Hex(bytes), text, normalized));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ digest input

    /** The parsed config in canonical field order (spec §1.8), paths/queries/applies_to as written. */
    private static ObjectNode canonicalConfig(JsonNode root) {
        ObjectNode c = CanonicalJson.object();
        c.put("version", root.path("version").asLong());
        ObjectNode md = c.putObject("metadata");
        JsonNode name = root.path("metadata").get("name");
        md.set("name", name == null ? NullNode.instance : name);
        c.set("storage", root.has("storage") ? root.get("storage") : NullNode.instance);
        ObjectNode st = c.putObject("state");
        JsonNode state = root.path("state");
        st.set("backend", state.has("backend") ? state.get("backend") : NullNode.instance);
        st.set("lock", state.has("lock") ? state.get("lock") : NullNode.instance);
        ObjectNode prov = c.putObject("providers").putObject("embedding");
        sorted(root.path("providers").path("embedding")).forEach((k, v) -> prov.set(k, sortedCopy(v)));
        ObjectNode graphs = c.putObject("graphs");
        sorted(root.path("graphs")).forEach((k, v) -> {
            ObjectNode g = graphs.putObject(k);
            g.set("schema", v.has("schema") ? v.get("schema") : NullNode.instance);
            g.set("queries", v.has("queries") && !v.get("queries").isNull() ? sortedCopy(v.get("queries")) : CanonicalJson.object());
            g.set("embedding_provider", v.has("embedding_provider") ? v.get("embedding_provider") : NullNode.instance);
            JsonNode eb = v.get("external_blobs");
            if (eb != null && eb.path("allow").isArray() && !eb.path("allow").isEmpty()) {
                g.set("external_blobs", sortedCopy(eb));
            }
        });
        ObjectNode pol = c.putObject("policies");
        sorted(root.path("policies")).forEach((k, v) -> {
            ObjectNode p = pol.putObject(k);
            p.set("file", v.has("file") ? v.get("file") : NullNode.instance);
            p.set("applies_to", v.has("applies_to") ? v.get("applies_to") : JsonNodeFactory.instance.arrayNode());
        });
        return c;
    }

    private static SortedMap<String, JsonNode> sorted(JsonNode obj) {
        SortedMap<String, JsonNode> m = new TreeMap<>();
        if (obj != null && obj.isObject()) {
            obj.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        }
        return m;
    }

    private static JsonNode sortedCopy(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = CanonicalJson.object();
            sorted(n).forEach((k, v) -> o.set(k, sortedCopy(v)));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(sortedCopy(x)));
            return a;
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void unknownKeys(JsonNode obj, Set<String> allowed, String path) {
        Iterator<String> it = obj.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k) && !(path.isEmpty() && RESERVED.contains(k))) {
                String p = path.isEmpty() ? k : path + "." + k;
                d.error(ClusterCode.INVALID_CLUSTER_YAML, p, "unknown key `" + p + "`; allowed here: "
                        + new TreeSet<>(allowed));
            }
        }
    }

    private Path resolve(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : dir.resolve(path).normalize();
    }

    static String readUtf8(Path file) throws IOException {
        return utf8(Files.readAllBytes(file));
    }

    static String utf8(byte[] b) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String oneLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" | "));
    }

}
