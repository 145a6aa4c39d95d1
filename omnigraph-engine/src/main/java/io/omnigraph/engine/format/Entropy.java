package io.omnigraph.engine.format;

import java.security.SecureRandom;
import java.util.Random;

/** The engine's only source of randomness (ULIDs, writer tokens, backoff jitter); injectable for simulation. */
@FunctionalInterface
public interface Entropy {
    void nextBytes(byte[] into);

    default long nextLong() {
        byte[] b = new byte[8];
        nextBytes(b);
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    static Entropy secure() {
        SecureRandom r = new SecureRandom();
        return r::nextBytes;
    }

    /** Deterministic entropy for tests and simulation. */
    static Entropy seeded(long seed) {
        Random r = new Random(seed);
        return bytes -> {
            synchronized (r) {
                r.nextBytes(bytes);
            }
        };
    }
}
