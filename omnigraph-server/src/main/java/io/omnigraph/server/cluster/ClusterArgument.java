package io.omnigraph.server.cluster;

import io.omnigraph.cluster.config.ConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the {@code --cluster} argument (cluster-server spec §4.1) to the storage root to serve: an argument
 * containing {@code ://} is the storage root itself (config-free boot, e.g. {@code s3://bucket/prefix}); anything else
 * is a config directory whose {@code cluster.yaml} is read <em>only</em> to find {@code storage:} — parse problems are
 * ignored and a missing {@code storage:} means the directory itself is the root. The operator file
 * ({@code ~/.omnigraph/config.yaml}) is never read.
 */
public final class ClusterArgument {
    private ClusterArgument() {
    }

    /**
     * The storage root location for {@code arg}.
     *
     * @throws BootFailure with code {@code config_dir_not_found} when a non-URI argument is not a directory
     */
    public static String storageRoot(String arg) throws BootFailure {
        String a = arg.trim();
        if (a.contains("://")) {
            return a;
        }
        Path dir = Path.of(a);
        if (!Files.isDirectory(dir)) {
            throw new BootFailure("the cluster at '" + arg + "' is not ready to serve:\n  [config_dir_not_found] " + arg
                    + ": not a directory; pass the cluster's config directory or its storage-root URI (s3://bucket/prefix,"
                    + " file:///abs/path)", List.of("config_dir_not_found"));
        }
        return ConfigLoader.header(dir).header().map(h -> h.storageLocation())
                .orElse(dir.toAbsolutePath().normalize().toString());
    }
}
