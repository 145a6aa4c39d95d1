package io.omnigraph.cluster.layout;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things live under a cluster's storage root (spec §2.1), and the check other commands use to refuse touching
 * cluster-managed graphs directly ({@code omnigraph init} on {@code <root>/graphs/<id>.omni}, {@code schema apply
 * --store} inside a cluster layout).
 */
public final class ClusterLayout {
    public static final String CLUSTER_DIR = "__cluster";
    public static final String STATE_KEY = "__cluster/state.json";
    public static final String LOCK_KEY = "__cluster/lock.json";
    public static final String RESOURCES_PREFIX = "__cluster/resources/";
    public static final String RECOVERIES_PREFIX = "__cluster/recoveries/";
    public static final String APPROVALS_PREFIX = "__cluster/approvals/";
    public static final String GRAPHS_PREFIX = "graphs/";
    private static final Pattern MANAGED = Pattern.compile("^(.*?)/graphs/([^/]+)\\.omni(/.*)?$");

    private ClusterLayout() {
    }

    /** {@code graphs/<id>.omni}: the key prefix of a graph root inside the storage root. */
    public static String graphRootKey(String graphId) {
        return GRAPHS_PREFIX + graphId + ".omni";
    }

    /** The display URI of a derived graph root: {@code <root>/graphs/<id>.omni} (plain path locally). */
    public static String graphUri(String rootLocation, String graphId) {
        String r = rootLocation.endsWith("/") ? rootLocation.substring(0, rootLocation.length() - 1) : rootLocation;
        return r + "/" + graphRootKey(graphId);
    }

    /** {@code __cluster/resources/query/<g>/<n>/<digest>.gq}. */
    public static String queryPayloadKey(String graph, String name, String digest) {
        return RESOURCES_PREFIX + "query/" + graph + "/" + name + "/" + digest + ".gq";
    }

    /** {@code __cluster/resources/policy/<p>/<digest>.yaml}. */
    public static String policyPayloadKey(String policy, String digest) {
        return RESOURCES_PREFIX + "policy/" + policy + "/" + digest + ".yaml";
    }

    public static String sidecarKey(String operationId) {
        return RECOVERIES_PREFIX + operationId + ".json";
    }

    public static String approvalKey(String approvalId) {
        return APPROVALS_PREFIX + approvalId + ".json";
    }

    /** A graph root that belongs to a cluster. */
    public record ManagedGraph(String clusterRoot, String graphId, String graphUri) {
    }

    /**
     * If {@code location} (a path, {@code file://} or {@code s3://} URI) is — or lies inside — {@code
     * <root>/graphs/<id>.omni} and {@code <root>/__cluster/state.json} exists, the cluster that manages it. Store
     * failures while checking count as "not managed" only for local paths; for remote roots they propagate as
     * {@link StoreException} so a caller never silently bypasses the guard.
     */
    public static Optional<ManagedGraph> managingCluster(String location) {
        String loc = location.trim();
        while (loc.length() > 1 && loc.endsWith("/")) {
            loc = loc.substring(0, loc.length() - 1);
        }
        boolean remote = loc.contains("://") && !loc.startsWith("file://");
        String normalized = loc;
        if (!loc.contains("://")) {
            normalized = Path.of(loc).toAbsolutePath().normalize().toString();
        } else if (loc.startsWith("file://")) {
            normalized = loc.substring("file://".length());
        }
        Matcher m = MANAGED.matcher(normalized);
        if (!m.matches()) {
            return Optional.empty();
        }
        String root = m.group(1);
        String id = m.group(2);
        if (!remote) {
            Path state = Path.of(root.isEmpty() ? "/" : root).resolve(STATE_KEY);
            return Files.exists(state) ? Optional.of(new ManagedGraph(root, id, graphUri(root, id))) : Optional.empty();
        }
        try (ObjectStore store = ObjectStores.open(root)) {
            return store.exists(STATE_KEY) ? Optional.of(new ManagedGraph(root, id, graphUri(root, id))) : Optional.empty();
        }
    }

    /** The refusal message for a direct command on a cluster-managed graph. */
    public static String refusal(ManagedGraph g, String what) {
        return "`" + g.graphUri() + "` is inside cluster `" + g.clusterRoot() + "`. Graphs in a cluster are "
                + (what.equals("init") ? "created by `cluster apply`" : "evolved via `cluster apply`")
                + ": edit cluster.yaml (or the .pg it references), then run `omnigraph cluster plan` and"
                + " `omnigraph cluster apply`.";
    }
}
