package io.omnigraph.cluster.json;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ULIDs (26-char Crockford, time-ordered) and RFC3339 UTC timestamps. */
public final class Ids {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static long lastMillis = -1;
    private static final byte[] lastRandom = new byte[10];

    private Ids() {
    }

    /** A new ULID; monotonic within one process (ties in the same millisecond increment the random part). */
    public static synchronized String ulid(Clock clock) {
        long ms = clock.millis();
        if (ms <= lastMillis) {
            ms = lastMillis;
            for (int i = 9; i >= 0; i--) {
                if (++lastRandom[i] != 0) {
                    break;
                }
            }
        } else {
            RANDOM.nextBytes(lastRandom);
            lastMillis = ms;
        }
        char[] out = new char[26];
        long t = ms;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (t & 31)];
            t >>>= 5;
        }
        // 80 random bits -> 16 chars
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (lastRandom[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (lastRandom[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = CROCKFORD[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    public static String rfc3339(Instant t) {
        try {
            return RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS));
        } catch (RuntimeException e) {
            return "1970-01-01T00:00:00Z";
        }
    }

    public static Instant parseRfc3339(String s) {
        return Instant.parse(s);
    }
}
