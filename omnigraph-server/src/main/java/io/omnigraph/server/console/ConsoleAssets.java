package io.omnigraph.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The review console's static files, bundled at build time (Vite, {@code omnigraph-server/src/main/console}) under
 * the classpath folder {@link #ROOT}. Read-only and public: the files hold no data; every data call the console makes
 * goes through the HTTP API with the user's bearer token.
 *
 * <p>Contract: {@link #find} answers only names made of {@code [A-Za-z0-9._-]} segments separated by {@code /}
 * (no {@code ..}, no empty segment), so nothing outside {@link #ROOT} can be addressed; the bytes of a found asset are
 * cached for the life of the process (the jar does not change while it runs). Thread-safe.
 */
public final class ConsoleAssets {
    /** Classpath folder of the bundled console. */
    public static final String ROOT = "/io/omnigraph/server/console-bundle/";
    /** The entry page. */
    public static final String INDEX = "index.html";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("map", "application/json"));

    /** One bundled file. {@code immutable} files have content-hashed names and may be cached forever. */
    public record Asset(String name, byte[] bytes, String contentType, String etag, boolean immutable) {
        public Asset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(etag, "etag");
        }
    }

    private final String root;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** The console bundled in this jar. */
    public ConsoleAssets() {
        this(ROOT);
    }

    /** A console under another classpath folder (tests). */
    public ConsoleAssets(String root) {
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** Whether the console was bundled at all (the entry page exists). */
    public boolean bundled() {
        return find(INDEX).isPresent();
    }

    /** The asset {@code name} (relative to the console root), or empty when unknown or not a safe name. */
    public Optional<Asset> find(String name) {
        if (name == null || !SAFE.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, this::load);
    }

    private Optional<Asset> load(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(root + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
            return Optional.of(new Asset(name, bytes, type, etag, name.startsWith("assets/")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console asset " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
