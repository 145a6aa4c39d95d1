package io.omnigraph.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.omnigraph.cli.support.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-operator config {@code ~/.omnigraph/config.yaml} (spec §7), relocatable with {@code OMNIGRAPH_HOME}.
 * Sections: {@code operator.actor}, {@code servers}, {@code defaults}, {@code clusters}, {@code profiles},
 * {@code aliases}. Absent file = empty config; malformed YAML is a
 * hard error; unknown keys produce warnings ({@link #warnings()}), never failures.
 */
public final class OperatorConfig {
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "", Set.of("operator", "servers", "defaults", "clusters", "profiles", "aliases"),
            "operator", Set.of("actor"),
            "defaults", Set.of("output", "table_max_column_width", "table_cell_layout", "server", "store", "default_graph"),
            "servers.*", Set.of("url"),
            "profiles.*", Set.of("server", "cluster", "store", "default_graph"),
            "aliases.*", Set.of("server", "graph", "query", "args", "params", "format"));

    private final Path file;
    private final Optional<String> actor;
    private final Map<String, String> clusters;
    private final List<String> warnings;
    private final Map<String, Profile> profiles;
    private final Profile defaults;
    private final Optional<String> defaultOutput;
    private final Map<String, String> servers;
    private final Map<String, Alias> aliases;

    /**
     * {@code aliases.<name>}: a personal binding to a stored query on a server ({@code graph} optional), with
     * positional {@code args} names, default {@code params} and an output {@code format}.
     */
    public record Alias(String name, String server, Optional<String> graph, String query, List<String> args,
                        Map<String, JsonNode> params, Optional<String> format) {
    }

    /**
     * A scope binding: {@code profiles.<name>} (exactly one of server/cluster/store, checked on use) or the flat
     * {@code defaults} ({@code name} "(defaults)").
     */
    public record Profile(String name, Optional<String> server, Optional<String> cluster, Optional<String> store,
                          Optional<String> defaultGraph) {
    }

    private OperatorConfig(Path file, Optional<String> actor, Map<String, String> clusters, List<String> warnings) {
        this(file, actor, clusters, warnings, Map.of(), new Profile("(defaults)", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), Optional.empty(), Map.of(), Map.of());
    }

    private OperatorConfig(Path file, Optional<String> actor, Map<String, String> clusters, List<String> warnings,
                           Map<String, Profile> profiles, Profile defaults, Optional<String> defaultOutput,
                           Map<String, String> servers, Map<String, Alias> aliases) {
        this.servers = servers;
        this.aliases = aliases;
        this.file = file;
        this.actor = actor;
        this.clusters = clusters;
        this.warnings = warnings;
        this.profiles = profiles;
        this.defaults = defaults;
        this.defaultOutput = defaultOutput;
    }

    /** {@code defaults.output}: the read output format when neither {@code --json} nor {@code --format} is given. */
    public Optional<String> defaultOutput() {
        return defaultOutput;
    }

    /** {@code profiles:} by name. */
    public Map<String, Profile> profiles() {
        return profiles;
    }

    /** {@code defaults.server / store / default_graph} as a binding named "(defaults)". */
    public Profile defaults() {
        return defaults;
    }

    private static Optional<String> text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText().trim()) : Optional.empty();
    }

    /** {@code $OMNIGRAPH_HOME/config.yaml} (tilde-expanded) or {@code ~/.omnigraph/config.yaml}. */
    public static Path location(Map<String, String> env) {
        String home = env.get("OMNIGRAPH_HOME");
        if (home != null && !home.isBlank()) {
            String h = home.trim();
            if (h.startsWith("~")) {
                h = System.getProperty("user.home") + h.substring(1);
            }
            return Path.of(h).resolve("config.yaml");
        }
        return Path.of(System.getProperty("user.home"), ".omnigraph", "config.yaml");
    }

    public static OperatorConfig load(Map<String, String> env) {
        return load(location(env));
    }

    public static OperatorConfig load(Path file) {
        if (!Files.exists(file)) {
            return new OperatorConfig(file, Optional.empty(), Map.of(), List.of());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new CliException("operator_config_invalid", "cannot read the operator config " + file + ": "
                    + e.getMessage().lines().findFirst().orElse("") + " (fix or move the file)");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new OperatorConfig(file, Optional.empty(), Map.of(), List.of());
        }
        if (!root.isObject()) {
            throw new CliException("operator_config_invalid", "the operator config " + file + " must be a mapping");
        }
        List<String> warnings = new ArrayList<>();
        unknown(root, "", warnings);
        JsonNode op = root.path("operator");
        if (op.isObject()) {
            unknown(op, "operator", warnings);
        }
        if (root.path("defaults").isObject()) {
            unknown(root.path("defaults"), "defaults", warnings);
        }
        Optional<String> actor = Optional.empty();
        JsonNode a = op.path("actor");
        if (!a.isMissingNode() && !a.isNull()) {
            if (!a.isTextual() || a.asText().isBlank()) {
                throw new CliException("operator_config_invalid", "`operator.actor` in " + file + " must be a non-empty string");
            }
            actor = Optional.of(a.asText().trim());
        }
        Map<String, String> clusters = new LinkedHashMap<>();
        JsonNode cs = root.path("clusters");
        if (cs.isObject()) {
            for (Map.Entry<String, JsonNode> e : cs.properties()) {
                JsonNode r = e.getValue().path("root");
                if (!r.isTextual() || r.asText().isBlank()) {
                    throw new CliException("operator_config_invalid", "`clusters." + e.getKey() + ".root` in " + file
                            + " must be a storage root (a directory or s3://bucket/prefix)");
                }
                for (Iterator<String> it = e.getValue().fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!k.equals("root")) {
                        warnings.add("unknown key `clusters." + e.getKey() + "." + k + "` (newer CLI feature or typo); ignored");
                    }
                }
                clusters.put(e.getKey(), r.asText().trim());
            }
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        JsonNode ps = root.path("profiles");
        if (ps.isObject()) {
            for (Map.Entry<String, JsonNode> e : ps.properties()) {
                JsonNode p = e.getValue();
                profiles.put(e.getKey(), new Profile(e.getKey(), text(p, "server"), text(p, "cluster"), text(p, "store"),
                        text(p, "default_graph")));
            }
        }
        JsonNode d = root.path("defaults");
        Profile defaults = new Profile("(defaults)", text(d, "server"), Optional.empty(), text(d, "store"), text(d, "default_graph"));
        Optional<String> output = Optional.empty();
        JsonNode out = d.path("output");
        if (!out.isMissingNode() && !out.isNull()) {
            if (!out.isTextual() || out.asText().isBlank()) {
                throw new CliException("operator_config_invalid", "`defaults.output` in " + file
                        + " must be one of table, kv, csv, jsonl, json");
            }
            output = Optional.of(out.asText().trim());
        }
        TableLayout table = TableLayout.DEFAULT;
        JsonNode mw = d.path("table_max_column_width");
        if (!mw.isMissingNode() && !mw.isNull()) {
            if (!mw.canConvertToInt() || !mw.isIntegralNumber() || mw.asInt() < TableLayout.MIN_WIDTH) {
                throw new CliException("operator_config_invalid", "`defaults.table_max_column_width` in " + file
                        + " must be a whole number of characters >= " + TableLayout.MIN_WIDTH + ", got " + mw);
            }
            table = new TableLayout(mw.asInt(), table.cellLayout());
        }
        JsonNode cl = d.path("table_cell_layout");
        if (!cl.isMissingNode() && !cl.isNull()) {
            Optional<TableLayout.CellLayout> layout = cl.isTextual() ? TableLayout.CellLayout.parse(cl.asText())
                    : Optional.empty();
            if (layout.isEmpty()) {
                throw new CliException("operator_config_invalid", "`defaults.table_cell_layout` in " + file
                        + " must be truncate or wrap, got " + cl);
            }
            table = new TableLayout(table.maxColumnWidth(), layout.get());
        }
        Map<String, String> servers = new LinkedHashMap<>();
        JsonNode ss = root.path("servers");
        if (ss.isObject()) {
            for (Map.Entry<String, JsonNode> e : ss.properties()) {
                unknown(e.getValue(), "servers." + e.getKey(), "servers.*", warnings);
                JsonNode u = e.getValue().path("url");
                if (!u.isTextual() || !u.asText().contains("://")) {
                    throw new CliException("operator_config_invalid", "`servers." + e.getKey() + ".url` in " + file
                            + " must be a URL such as https://graph.example.com");
                }
                servers.put(e.getKey(), trimSlash(u.asText().trim()));
            }
        }
        if (ps.isObject()) {
            for (Map.Entry<String, JsonNode> e : ps.properties()) {
                unknown(e.getValue(), "profiles." + e.getKey(), "profiles.*", warnings);
            }
        }
        Map<String, Alias> aliases = new LinkedHashMap<>();
        JsonNode as = root.path("aliases");
        if (as.isObject()) {
            for (Map.Entry<String, JsonNode> e : as.properties()) {
                JsonNode al = e.getValue();
                unknown(al, "aliases." + e.getKey(), "aliases.*", warnings);
                Optional<String> server = text(al, "server");
                Optional<String> query = text(al, "query");
                if (server.isEmpty() || query.isEmpty()) {
                    throw new CliException("operator_config_invalid", "`aliases." + e.getKey() + "` in " + file
                            + " needs `server:` and `query:` (a stored query name)");
                }
                List<String> args = new ArrayList<>();
                al.path("args").forEach(x -> args.add(x.asText()));
                Map<String, JsonNode> params = new LinkedHashMap<>();
                if (al.has("params") && !al.path("params").isObject()) {
                    throw new CliException("operator_config_invalid", "`aliases." + e.getKey() + ".params` in " + file
                            + " must be a mapping of parameter name to value");
                }
                al.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue()));
                aliases.put(e.getKey(), new Alias(e.getKey(), server.get(), text(al, "graph"), query.get(), List.copyOf(args),
                        Collections.unmodifiableMap(params), text(al, "format")));
            }
        }
        return new OperatorConfig(file, actor, Collections.unmodifiableMap(clusters), List.copyOf(warnings),
                Collections.unmodifiableMap(profiles), defaults, output, Collections.unmodifiableMap(servers),
                Collections.unmodifiableMap(aliases)).withTable(table);
    }

    private TableLayout table = TableLayout.DEFAULT;

    private OperatorConfig withTable(TableLayout t) {
        this.table = t;
        return this;
    }

    /** {@code defaults.table_max_column_width} and {@code defaults.table_cell_layout}. */
    public TableLayout table() {
        return table;
    }

    private static String trimSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static void unknown(JsonNode obj, String path, List<String> warnings) {
        unknown(obj, path, path, warnings);
    }

    private static void unknown(JsonNode obj, String path, String kind, List<String> warnings) {
        if (!obj.isObject()) {
            return;
        }
        Set<String> known = KNOWN.getOrDefault(kind, Set.of());
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                String p = path.isEmpty() ? k : path + "." + k;
                warnings.add("unknown key `" + p + "` (newer CLI feature or typo); ignored");
            }
        }
    }

    /** {@code servers:} name → base URL (trailing slashes trimmed). */
    public Map<String, String> servers() {
        return servers;
    }

    /** {@code aliases:} by name. */
    public Map<String, Alias> aliases() {
        return aliases;
    }

    /** The credentials file next to the config ({@code <dir>/credentials}). */
    public Path credentialsFile() {
        return file.resolveSibling("credentials");
    }

    public Path file() {
        return file;
    }

    /** {@code operator.actor}: the default for {@code --as}. */
    public Optional<String> actor() {
        return actor;
    }

    /** {@code clusters:} name → storage root. */
    public Map<String, String> clusters() {
        return clusters;
    }

    /** {@code unknown key `<path>` (newer CLI feature or typo); ignored} lines for stderr. */
    public List<String> warnings() {
        return warnings;
    }
}
