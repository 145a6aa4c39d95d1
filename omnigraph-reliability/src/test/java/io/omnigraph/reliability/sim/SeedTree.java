package io.omnigraph.reliability.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One seed, many independent streams (SplitMix64): every source of randomness in a universe — the schema, the
 * operation stream, each process's fault schedule, each handle's ULID entropy — is a child of the universe seed named
 * by a label, so adding a draw to one stream never shifts another, and {@code seed=N} replays everything.
 */
public record SeedTree(long seed) {
    /** SplitMix64's finalizer: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed of the child stream {@code label}. */
    public long child(String label) {
        long h = 0x9e3779b97f4a7c15L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff)) + 0x9e3779b97f4a7c15L;
        }
        return mix(seed + h);
    }

    public SeedTree subtree(String label) {
        return new SeedTree(child(label));
    }

    public SplittableRandom random(String label) {
        return new SplittableRandom(child(label));
    }
}
