package io.omnigraph.reliability.sim;

import io.omnigraph.storage.ObjectStore;

import java.util.Arrays;

/**
 * Deliberately broken storage, to prove the oracles can fail: a store that acknowledges a branch-ref write without
 * keeping it (a lost acknowledged write), or one that corrupts segment bytes on upload (a torn / bit-rotted write).
 * Used only by the sensitivity tests; a universe run with sabotage must report a violation.
 */
final class Sabotage extends ForwardingStore {
    enum Mode { NONE, LOSE_ACKNOWLEDGED_REF_WRITE, CORRUPT_SEGMENT }

    private final Mode mode;
    private int refWrites;
    private int segmentWrites;

    Sabotage(ObjectStore inner, Mode mode) {
        super(inner);
        this.mode = mode;
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        if (mode == Mode.LOSE_ACKNOWLEDGED_REF_WRITE && isRef(key) && ++refWrites == 3) {
            // acknowledge with a plausible version, keep nothing
            return inner.head(key).map(i -> i.version()).orElse(expectedVersion);
        }
        return inner.putIfMatch(key, bytes, expectedVersion);
    }

    @Override
    public String put(String key, byte[] bytes) {
        if (mode == Mode.CORRUPT_SEGMENT && isSegment(key) && ++segmentWrites == 2) {
            byte[] torn = Arrays.copyOf(bytes, bytes.length / 2);
            return inner.put(key, torn);
        }
        return inner.put(key, bytes);
    }

    /** A graph's keys, at the root of a graph store or under a cluster root ({@code graphs/<id>.omni/…}). */
    private static boolean isRef(String key) {
        return key.startsWith("refs/branches/") || key.contains(".omni/refs/branches/");
    }

    private static boolean isSegment(String key) {
        return key.startsWith("segments/") || key.contains(".omni/segments/");
    }
}
