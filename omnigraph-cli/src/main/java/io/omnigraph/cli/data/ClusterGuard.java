package io.omnigraph.cli.data;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses direct {@code init} / {@code schema apply} on a graph a cluster manages: {@code <root>/graphs/<id>.omni}
 * when {@code <root>/__cluster/state.json} exists. (Mirrors the cluster module's layout check; replace with
 * {@code ClusterLayout.managingCluster} once that lands on main.)
 */
public final class ClusterGuard {
    private static final Pattern MANAGED = Pattern.compile("^(.*?)/graphs/([^/]+)\\.omni(/.*)?$");

    private ClusterGuard() {
    }

    /** The refusal message when {@code location} is cluster-managed. */
    public static Optional<String> refusal(String location, String verb) {
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
        boolean managed;
        if (!remote) {
            managed = Files.exists(Path.of(root.isEmpty() ? "/" : root).resolve("__cluster/state.json"));
        } else {
            try (ObjectStore store = ObjectStores.open(root)) {
                managed = store.exists("__cluster/state.json");
            } catch (StoreException e) {
                throw new io.omnigraph.cli.support.CliException("storage_failure", "cannot check whether " + location
                        + " belongs to a cluster: " + e.getMessage());
            }
        }
        if (!managed) {
            return Optional.empty();
        }
        String graphUri = root + "/graphs/" + m.group(2) + ".omni";
        return Optional.of("`" + graphUri + "` is inside cluster `" + root + "`. Graphs in a cluster are "
                + (verb.equals("init") ? "created by `cluster apply`" : "evolved via `cluster apply`")
                + ": edit cluster.yaml (or the .pg it references), then run `omnigraph cluster plan` and"
                + " `omnigraph cluster apply`.");
    }
}
