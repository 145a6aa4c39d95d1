package io.omnigraph.engine.commit;

import io.omnigraph.engine.format.EngineClock;
import io.omnigraph.engine.format.Entropy;
import io.omnigraph.engine.segment.SegmentCodec;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link GraphStore} handle, with documented defaults ({@link #defaults()}). Derive variations with the
 * {@code with…} methods; instances are immutable.
 *
 * @param clock               time source (default: system clock)
 * @param entropy             randomness for ULIDs, writer tokens and jitter (default: SecureRandom)
 * @param maxPublishAttempts  attempts per publish before {@code publish_contention} (default 9 = 8 retries)
 * @param backoffBase         first backoff bound; attempt n sleeps a random time in [0, min(cap, base·2^(n-1)))
 *                            (default 5 ms)
 * @param backoffCap          largest backoff bound (default 250 ms)
 * @param dataCacheBytes      budget of decoded segments + materialized tables (default: a quarter of the max heap)
 * @param commitCacheEntries  cached commit objects (default 100,000)
 * @param snapshotCacheEntries cached snapshots (default 256)
 * @param codec               segment codec (default {@link SegmentCodec#standard()})
 * @param sleeper             how backoff sleeps (tests may record instead)
 * @param writeIdFilters      write an {@code id_filter} with every new segment entry (default true; false writes
 *                            commits as builds before the filter did — for compatibility tests)
 */
public record GraphStoreOptions(EngineClock clock, Entropy entropy, int maxPublishAttempts, Duration backoffBase,
                                Duration backoffCap, long dataCacheBytes, int commitCacheEntries,
                                int snapshotCacheEntries, SegmentCodec codec, Sleeper sleeper,
                                boolean writeIdFilters) {

    /** Sleeps for backoff; injectable so simulations do not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public GraphStoreOptions {
        Objects.requireNonNull(clock);
        Objects.requireNonNull(entropy);
        Objects.requireNonNull(backoffBase);
        Objects.requireNonNull(backoffCap);
        Objects.requireNonNull(codec);
        Objects.requireNonNull(sleeper);
        if (maxPublishAttempts < 1) {
            throw new IllegalArgumentException("maxPublishAttempts must be >= 1");
        }
    }

    public static GraphStoreOptions defaults() {
        return new GraphStoreOptions(EngineClock.system(), Entropy.secure(), 9, Duration.ofMillis(5),
                Duration.ofMillis(250), Runtime.getRuntime().maxMemory() / 4, 100_000, 256, SegmentCodec.standard(),
                d -> Thread.sleep(d), true);
    }

    /** With or without id filters in new segment entries. */
    public GraphStoreOptions withIdFilters(boolean write) {
        return new GraphStoreOptions(clock, entropy, maxPublishAttempts, backoffBase, backoffCap, dataCacheBytes,
                commitCacheEntries, snapshotCacheEntries, codec, sleeper, write);
    }

    public GraphStoreOptions withClock(EngineClock c) {
        return new GraphStoreOptions(c, entropy, maxPublishAttempts, backoffBase, backoffCap, dataCacheBytes,
                commitCacheEntries, snapshotCacheEntries, codec, sleeper, writeIdFilters);
    }

    public GraphStoreOptions withEntropy(Entropy e) {
        return new GraphStoreOptions(clock, e, maxPublishAttempts, backoffBase, backoffCap, dataCacheBytes,
                commitCacheEntries, snapshotCacheEntries, codec, sleeper, writeIdFilters);
    }

    public GraphStoreOptions withMaxPublishAttempts(int n) {
        return new GraphStoreOptions(clock, entropy, n, backoffBase, backoffCap, dataCacheBytes,
                commitCacheEntries, snapshotCacheEntries, codec, sleeper, writeIdFilters);
    }

    public GraphStoreOptions withDataCacheBytes(long bytes) {
        return new GraphStoreOptions(clock, entropy, maxPublishAttempts, backoffBase, backoffCap, bytes,
                commitCacheEntries, snapshotCacheEntries, codec, sleeper, writeIdFilters);
    }

    public GraphStoreOptions withCodec(SegmentCodec c) {
        return new GraphStoreOptions(clock, entropy, maxPublishAttempts, backoffBase, backoffCap, dataCacheBytes,
                commitCacheEntries, snapshotCacheEntries, c, sleeper, writeIdFilters);
    }

    public GraphStoreOptions withSleeper(Sleeper s) {
        return new GraphStoreOptions(clock, entropy, maxPublishAttempts, backoffBase, backoffCap, dataCacheBytes,
                commitCacheEntries, snapshotCacheEntries, codec, s, writeIdFilters);
    }
}
