package io.omnigraph.storage.local;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes used as local version tokens. */
final class Hashing {
    private static final HexFormat HEX = HexFormat.of();

    private Hashing() {
    }

    /** The first 128 bits of SHA-256, as 32 lowercase hex digits. */
    static String sha256Hex128(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
