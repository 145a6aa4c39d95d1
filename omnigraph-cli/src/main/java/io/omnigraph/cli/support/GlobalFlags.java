package io.omnigraph.cli.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global flags of cluster-server.md §6.1 as given on one command line, wherever they appeared (before or after
 * the subcommand). Filled while parsing; read by the addressing guard and by commands that do not declare a flag
 * themselves. Per run, not thread-safe.
 */
public final class GlobalFlags {
    /** Every global flag, value-taking ones first. */
    public static final List<String> VALUED = List.of("--as", "--store", "--server", "--graph", "--cluster", "--profile");
    public static final List<String> SWITCHES = List.of("--yes", "--quiet", "--json");

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Records a flag's value (a String, or Boolean.TRUE for switches). */
    public void set(String name, Object value) {
        values.put(name, value);
    }

    /** The flags given, in the order they were recorded. */
    public Map<String, Object> given() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public Optional<String> value(String name) {
        Object v = values.get(name);
        return v instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    public boolean on(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public Optional<String> as() {
        return value("--as");
    }

    public Optional<String> store() {
        return value("--store");
    }

    public Optional<String> server() {
        return value("--server");
    }

    public Optional<String> graph() {
        return value("--graph");
    }

    public Optional<String> cluster() {
        return value("--cluster");
    }

    public Optional<String> profile() {
        return value("--profile");
    }

    public boolean yes() {
        return on("--yes");
    }

    public boolean quiet() {
        return on("--quiet");
    }

    public boolean json() {
        return on("--json");
    }
}
