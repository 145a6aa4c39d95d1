package io.omnigraph.engine.format;

import java.util.Objects;

/**
 * Mints ULIDs that are strictly increasing within one generator: within the same millisecond (or when the clock goes
 * backwards) the 80-bit random part is incremented instead of re-drawn. Thread-safe.
 */
public final class UlidGenerator {
    private final EngineClock clock;
    private final Entropy entropy;
    private long lastMillis = -1;
    private long hi16;
    private long lo64;

    public UlidGenerator(EngineClock clock, Entropy entropy) {
        this.clock = Objects.requireNonNull(clock);
        this.entropy = Objects.requireNonNull(entropy);
    }

    public synchronized String next() {
        advance();
        return Ulid.encode(lastMillis, hi16, lo64);
    }

    /**
     * The next ULID of the same sequence as {@link #next()}, written as 26 ASCII bytes at {@code dst[off..off + 26)}
     * (bulk loads append it to a column without a String).
     */
    public synchronized void nextAscii(byte[] dst, int off) {
        advance();
        Ulid.encodeAscii(lastMillis, hi16, lo64, dst, off);
    }

    private void advance() {
        long now = clock.nowMillis();
        if (now > lastMillis) {
            lastMillis = now;
            byte[] b = new byte[10];
            entropy.nextBytes(b);
            hi16 = ((b[0] & 0xffL) << 8) | (b[1] & 0xffL);
            long lo = 0;
            for (int i = 2; i < 10; i++) {
                lo = (lo << 8) | (b[i] & 0xffL);
            }
            lo64 = lo;
            hi16 &= 0x7fff; // leave headroom so increments never overflow 80 bits in practice
        } else {
            lo64++;
            if (lo64 == 0) {
                hi16++;
                if (hi16 > 0xffff) {
                    lastMillis++;
                    hi16 = 0;
                }
            }
        }
    }
}
