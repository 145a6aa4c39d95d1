package io.omnigraph.storage;

import io.omnigraph.storage.local.LocalObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.s3.S3Config;
import io.omnigraph.storage.s3.S3ObjectStore;
import io.omnigraph.storage.wrap.PrefixedObjectStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens stores from location strings, the way users write them in flags and {@code cluster.yaml}.
 *
 * <table>
 *   <caption>Locations</caption>
 *   <tr><th>Location</th><th>Store</th></tr>
 *   <tr><td>{@code /abs/path}, {@code rel/path}</td><td>{@link LocalObjectStore} (relative to the working
 *       directory)</td></tr>
 *   <tr><td>{@code file:///abs/path}</td><td>{@link LocalObjectStore}</td></tr>
 *   <tr><td>{@code s3://bucket} or {@code s3://bucket/prefix}</td><td>{@link S3ObjectStore}, configured from the
 *       {@code AWS_*} environment ({@link S3Config#fromEnvironment()})</td></tr>
 *   <tr><td>{@code mem://name} or {@code mem://name/prefix}</td><td>the process-wide in-memory store called
 *       {@code name} (created on first use; for tests and the simulator)</td></tr>
 * </table>
 *
 * A location is trimmed and trailing '/' are dropped. Anything containing {@code ://} is a URI; other schemes fail
 * with {@link StorageErrorCode#INVALID_LOCATION}.
 */
public final class ObjectStores {
    private static final ConcurrentHashMap<String, InMemoryObjectStore> MEMORY = new ConcurrentHashMap<>();

    private ObjectStores() {
    }

    /** Opens the store at {@code location}, reading S3 settings from {@link System#getenv()}. */
    public static ObjectStore open(String location) {
        return open(location, System.getenv());
    }

    /** Opens the store at {@code location}, reading S3 settings from {@code env} (for tests). */
    public static ObjectStore open(String location, Map<String, String> env) {
        if (location == null || location.isBlank()) {
            throw invalid(String.valueOf(location), "the storage location is empty: give a directory, file:///path,"
                    + " s3://bucket/prefix or mem://name");
        }
        String loc = stripTrailingSlashes(location.trim());
        int sep = loc.indexOf("://");
        if (sep < 0) {
            return local(loc, location);
        }
        String scheme = loc.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = loc.substring(sep + 3);
        return switch (scheme) {
            case "s3" -> {
                int slash = rest.indexOf('/');
                String bucket = slash < 0 ? rest : rest.substring(0, slash);
                String prefix = slash < 0 ? "" : rest.substring(slash + 1);
                if (bucket.isEmpty()) {
                    throw invalid(location, "'" + location + "' has no bucket: use s3://<bucket>/<prefix>");
                }
                checkScope(location, prefix);
                yield S3ObjectStore.open(S3Config.fromEnvironment(env), bucket, prefix);
            }
            case "file" -> {
                URI uri;
                try {
                    uri = new URI(loc.replace(" ", "%20"));
                } catch (URISyntaxException e) {
                    throw invalid(location, "'" + location + "' is not a valid file URI: " + e.getMessage());
                }
                String host = uri.getHost();
                if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                    throw invalid(location, "'" + location + "' names host '" + host + "': file URIs must be local,"
                            + " like file:///abs/path");
                }
                if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw invalid(location, "'" + location + "' is not absolute: use file:///abs/path or a plain"
                            + " path");
                }
                yield local(uri.getPath(), location);
            }
            case "mem" -> {
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                String prefix = slash < 0 ? "" : rest.substring(slash + 1);
                if (name.isEmpty()) {
                    throw invalid(location, "'" + location + "' has no name: use mem://<name>");
                }
                checkScope(location, prefix);
                InMemoryObjectStore store = memory(name);
                yield prefix.isEmpty() ? store : new PrefixedObjectStore(store, prefix);
            }
            default -> throw invalid(location, "unsupported storage scheme '" + scheme + "' in '" + location
                    + "': use a local path, file:///abs/path, s3://bucket/prefix or mem://name");
        };
    }

    /** The process-wide in-memory store called {@code name}, created on first use. */
    public static InMemoryObjectStore memory(String name) {
        return MEMORY.computeIfAbsent(name, InMemoryObjectStore::new);
    }

    /** Forgets the in-memory store called {@code name}; the next {@code mem://name} starts empty. */
    public static void dropMemory(String name) {
        MEMORY.remove(name);
    }

    /**
     * Deletes every object under {@code prefix} (list, then delete one by one) and returns how many were deleted.
     * Not atomic: a crash leaves some objects behind, and running it again finishes the job. A listing is a snapshot
     * (objects written while it ran, or a short page, are not in it), so it lists again until a listing comes back
     * empty; objects that keep appearing for {@value #DELETE_ALL_ROUNDS} rounds are a transient failure (a writer is
     * still active under the prefix).
     */
    public static int deleteAll(ObjectStore store, String prefix) {
        int deleted = 0;
        for (int round = 0; round < DELETE_ALL_ROUNDS; round++) {
            List<ObjectInfo> objects = new ArrayList<>(store.list(prefix));
            if (objects.isEmpty()) {
                return deleted;
            }
            for (ObjectInfo o : objects) {
                store.delete(o.key());
            }
            deleted += objects.size();
        }
        throw new StoreException.Transient(prefix, "objects kept appearing under '" + prefix + "' while deleting it ("
                + DELETE_ALL_ROUNDS + " rounds); stop the writers of that location and run the command again", null);
    }

    static final int DELETE_ALL_ROUNDS = 8;

    private static ObjectStore local(String path, String location) {
        try {
            return new LocalObjectStore(Path.of(path.isEmpty() ? "/" : path));
        } catch (InvalidPathException e) {
            throw invalid(location, "'" + location + "' is not a valid path: " + e.getMessage());
        }
    }

    private static void checkScope(String location, String prefix) {
        try {
            Keys.checkScope(prefix);
        } catch (StoreException e) {
            throw invalid(location, "'" + location + "' has an invalid prefix: " + e.getMessage());
        }
    }

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '/' && !s.substring(0, end).endsWith("://")) {
            end--;
        }
        return s.substring(0, end);
    }

    private static StoreException.Configuration invalid(String location, String message) {
        return new StoreException.Configuration(StorageErrorCode.INVALID_LOCATION, "", message, null);
    }
}
