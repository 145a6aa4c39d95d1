package io.omnigraph.engine.format;

/**
 * ULIDs: 48-bit millisecond timestamp + 80 random bits, 26 Crockford base32 characters, lexicographically ordered by
 * time. Commit and segment ids are ULIDs, so an id alone tells its minting time (used by cleanup's grace period).
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int[] DECODE = new int[128];

    static {
        java.util.Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = i;
            DECODE[Character.toLowerCase(ALPHABET[i])] = i;
        }
    }

    private Ulid() {
    }

    /** True when {@code s} is 26 Crockford base32 characters whose first is 0-7 (uppercase only). */
    public static boolean isValid(String s) {
        if (s == null || s.length() != 26 || s.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            char c = s.charAt(i);
            if (c >= 128 || DECODE[c] < 0 || Character.isLowerCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** The timestamp (ms since epoch) a valid ULID carries. */
    public static long timestampMillis(String ulid) {
        if (!isValid(ulid)) {
            throw new IllegalArgumentException("not a ULID: '" + ulid + "'");
        }
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t = (t << 5) | DECODE[ulid.charAt(i)];
        }
        return t;
    }

    /** {@link #encode} as 26 ASCII bytes written at {@code dst[off..off + 26)}. */
    static void encodeAscii(long millis, long hi16, long lo64, byte[] dst, int off) {
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            dst[off + i] = (byte) ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        for (int i = 25; i >= 10; i--) {
            dst[off + i] = (byte) ALPHABET[(int) (lo64 & 31)];
            lo64 = (lo64 >>> 5) | ((hi16 & 31) << 59);
            hi16 >>>= 5;
        }
    }

    /** Encodes a timestamp and 80 random bits (given as the low 16 bits of {@code hi} and all of {@code lo}). */
    static String encode(long millis, long hi16, long lo64) {
        char[] out = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        // 80 bits = hi16 (16 bits) + lo64 (64 bits), written as 16 base32 chars, most significant first
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo64 & 31)];
            lo64 = (lo64 >>> 5) | ((hi16 & 31) << 59);
            hi16 >>>= 5;
        }
        return new String(out);
    }
}
