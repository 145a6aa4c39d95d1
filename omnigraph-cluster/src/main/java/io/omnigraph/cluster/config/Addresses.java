package io.omnigraph.cluster.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Resource addresses and id rules. */
public final class Addresses {
    /** The general control-plane id rule (spec §1.3). */
    public static final Pattern RESOURCE_ID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*$");
    /** The server's graph-id rule (spec §4.4): graph ids must satisfy both. */
    public static final Pattern SERVER_GRAPH_ID = Pattern.compile("^[a-zA-Z0-9-]{1,64}$");
    public static final java.util.Set<String> RESERVED_GRAPH_IDS = java.util.Set.of("policies", "healthz", "openapi", "graphs");

    private Addresses() {
    }

    public static String graph(String id) {
        return "graph." + id;
    }

    public static String schema(String id) {
        return "schema." + id;
    }

    public static String query(String graph, String name) {
        return "query." + graph + "." + name;
    }

    public static String policy(String name) {
        return "policy." + name;
    }

    public static String provider(String name) {
        return "provider.embedding." + name;
    }

    /** The graph id an address belongs to ({@code graph.g}, {@code schema.g}, {@code query.g.n}). */
    public static Optional<String> graphOf(String address) {
        if (address.startsWith("graph.")) {
            return Optional.of(address.substring(6));
        }
        if (address.startsWith("schema.")) {
            return Optional.of(address.substring(7));
        }
        if (address.startsWith("query.")) {
            String rest = address.substring(6);
            int dot = rest.indexOf('.');
            return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
        }
        return Optional.empty();
    }

    /** Why {@code id} is not a valid graph id, or empty when it is. */
    public static Optional<String> graphIdProblem(String id) {
        if (!RESOURCE_ID.matcher(id).matches() || !SERVER_GRAPH_ID.matcher(id).matches()) {
            return Optional.of("graph id `" + id + "` is invalid: graph ids are 1-64 characters of letters, digits and"
                    + " '-', starting with a letter (they become URL path segments /graphs/<id>)");
        }
        if (RESERVED_GRAPH_IDS.contains(id)) {
            return Optional.of("graph id `" + id + "` is reserved by the server's routes; pick another name");
        }
        return Optional.empty();
    }
}
