package io.omnigraph.cluster.catalog;

import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The content-addressed catalog ({@code __cluster/resources/…}, spec §2.3): stored query and policy payloads keyed by
 * the sha256 of their bytes. Written only by apply, before the state write; never garbage-collected.
 */
public final class CatalogStore {
    private CatalogStore() {
    }

    /** The payload key of a query or policy address; empty for other kinds. */
    public static Optional<String> payloadKey(String address, String digest) {
        if (address.startsWith("query.")) {
            String rest = address.substring(6);
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                return Optional.empty();
            }
            return Optional.of(ClusterLayout.queryPayloadKey(rest.substring(0, dot), rest.substring(dot + 1), digest));
        }
        if (address.startsWith("policy.")) {
            return Optional.of(ClusterLayout.policyPayloadKey(address.substring(7), digest));
        }
        return Optional.empty();
    }

    /**
     * Publishes the payload of {@code address}: trusts an existing object (content-addressed); otherwise re-reads the
     * source, requires its sha256 to equal {@code digest} (TOCTOU guard) and UTF-8, and writes it.
     *
     * @return empty on success, else the error diagnostic
     */
    public static Optional<ClusterDiagnostic> publish(ObjectStore store, String address, String digest, Path source) {
        String key = payloadKey(address, digest).orElseThrow();
        try {
            if (store.exists(key)) {
                return Optional.empty();
            }
        } catch (StoreException e) {
            return Optional.of(ClusterDiagnostic.error(ClusterCode.RESOURCE_PAYLOAD_WRITE_ERROR, address,
                    "cannot check catalog payload " + key + ": " + e.getMessage()));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (IOException e) {
            return Optional.of(ClusterDiagnostic.error(ClusterCode.RESOURCE_CONTENT_CHANGED, address, "source `" + source
                    + "` could not be re-read while publishing (" + e.getMessage() + "); re-run plan and apply"));
        }
        String actual = CanonicalJson.sha256Hex(bytes);
        if (!actual.equals(digest)) {
            return Optional.of(ClusterDiagnostic.error(ClusterCode.RESOURCE_CONTENT_CHANGED, address, "source `" + source
                    + "` changed while apply was running (planned sha256 " + digest + ", now " + actual + "); re-run apply"));
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return Optional.of(ClusterDiagnostic.error(ClusterCode.RESOURCE_PAYLOAD_WRITE_ERROR, address, "source `" + source
                    + "` is not valid UTF-8"));
        }
        try {
            store.put(key, bytes);
            return Optional.empty();
        } catch (StoreException e) {
            return Optional.of(ClusterDiagnostic.error(ClusterCode.RESOURCE_PAYLOAD_WRITE_ERROR, address,
                    "cannot write catalog payload " + key + ": " + e.getMessage()));
        }
    }

    /** Outcome of verifying one payload. */
    public sealed interface Verification {
        record Ok(String text) implements Verification {
        }

        record Missing(String key) implements Verification {
        }

        record Mismatch(String key, String actual) implements Verification {
        }

        record Unreadable(String key, String error) implements Verification {
        }
    }

    /** Re-reads a payload and re-hashes it. */
    public static Verification verify(ObjectStore store, String address, String digest) {
        Optional<String> key = payloadKey(address, digest);
        if (key.isEmpty()) {
            return new Verification.Unreadable(address, "not a catalog resource");
        }
        try {
            Optional<StoredObject> o = store.get(key.get());
            if (o.isEmpty()) {
                return new Verification.Missing(key.get());
            }
            String actual = CanonicalJson.sha256Hex(o.get().bytes());
            if (!actual.equals(digest)) {
                return new Verification.Mismatch(key.get(), actual);
            }
            return new Verification.Ok(o.get().utf8());
        } catch (StoreException e) {
            return new Verification.Unreadable(key.get(), e.getMessage());
        }
    }
}
