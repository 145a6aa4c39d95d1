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
 * Today it provides {@code operator.actor} (the default for {@code --as}) and {@code clusters.<name>.root}; the other
 * documented sections are accepted and left for later commands. Absent file = empty config; malformed YAML is a
 * hard error; unknown keys produce warnings ({@link #warnings()}), never failures.
 */
public final class OperatorConfig {
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "", Set.of("operator", "servers", "defaults", "clusters", "profiles", "aliases"),
            "operator", Set.of("actor"),
            "defaults", Set.of("output", "table_max_column_width", "table_cell_layout", "server", "store", "default_graph"));

    private final Path file;
    private final Optional<String> actor;
    private final Map<String, String> clusters;
    private final List<String> warnings;
    private final Map<String, Profile> profiles;
    private final Profile defaults;
    private final Optional<String> defaultOutput;

    /**
     * A scope binding: {@code profiles.<name>} (exactly one of server/cluster/store, checked on use) or the flat
     * {@code defaults} ({@code name} "(defaults)").
     */
    public record Profile(String name, Optional<String> server, Optional<String> cluster, Optional<String> store,
                          Optional<String> defaultGraph) {
    }

    private OperatorConfig(Path file, Optional<String> actor, Map<String, String> clusters, List<String> warnings) {
        this(file, actor, clusters, warnings, Map.of(), new Profile("(defaults)", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), Optional.empty());
    }

    private OperatorConfig(Path file, Optional<String> actor, Map<String, String> clusters, List<String> warnings,
                           Map<String, Profile> profiles, Profile defaults, Optional<String> defaultOutput) {
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
        return new OperatorConfig(file, actor, Collections.unmodifiableMap(clusters), List.copyOf(warnings),
                Collections.unmodifiableMap(profiles), defaults, output);
    }

    private static void unknown(JsonNode obj, String path, List<String> warnings) {
        Set<String> known = KNOWN.getOrDefault(path, Set.of());
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                String p = path.isEmpty() ? k : path + "." + k;
                warnings.add("unknown key `" + p + "` (newer CLI feature or typo); ignored");
            }
        }
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
