package io.omnigraph.engine.format;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.omnigraph.engine.table.StringColumn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * The optional per-segment id summary of a commit's segment entry ({@code id_filter}, storage-format.md §2.3): a
 * membership filter over the ids a data or delete segment holds, so that point lookups by id read only the segments
 * that may hold the ids. A filter never gives a false negative: {@link #mayContain} is true for every id of the
 * segment; it may be true for other ids (a Bloom filter's false positive), which only costs a segment read.
 *
 * <p>Encoding (one JSON string): {@code "x:<base64>"} — exact: the distinct 64-bit id hashes, sorted as signed longs,
 * 8 bytes big-endian each (segments of at most {@link #EXACT_MAX} distinct ids); {@code "b<k>:<base64>"} — Bloom filter
 * of {@code m = 8·bytes} bits probed at {@code (h1 + i·h2) mod m} for {@code i = 0..k-1} (bit {@code j} is bit
 * {@code j & 7} of byte {@code j >> 3}), sized {@link #BLOOM_BITS_PER_ID} bits per distinct id (≈ 1 % false positives at
 * k = 7), for segments of at most {@link #BLOOM_MAX} distinct ids. Larger segments carry no filter (always read).
 * {@code h1}, {@code h2} are the two little-endian 64-bit halves of MurmurHash3_x64_128 (seed 0) over the id's UTF-8
 * bytes; the exact form stores {@code h1}. A reader that does not recognise the encoding treats the segment as
 * unfiltered (reads it), so the field can evolve without a format bump.
 */
public final class IdFilter {
    /** Segments with at most this many distinct ids get the exact form. */
    public static final int EXACT_MAX = 8;
    /** Segments with more distinct ids than this get no filter (commit size stays bounded). */
    public static final int BLOOM_MAX = 1024;
    public static final int BLOOM_BITS_PER_ID = 10;
    public static final int BLOOM_K = 7;

    private static final HashFunction MURMUR = Hashing.murmur3_128();
    /** Parsed filters by their text, bounded to ~16 MiB of text (a filter costs about its text length parsed). */
    private static final Cache<String, Optional<IdFilter>> PARSED = CacheBuilder.newBuilder()
            .maximumWeight(16L << 20)
            .weigher((String k, Optional<IdFilter> v) -> 64 + k.length())
            .build();

    private final long[] exact;      // sorted, or null
    private final long[] bits;       // bloom bits, or null
    private final long m;
    private final int k;

    private IdFilter(long[] exact, long[] bits, long m, int k) {
        this.exact = exact;
        this.bits = bits;
        this.m = m;
        this.k = k;
    }

    /** The two 64-bit hashes of an id ({h1, h2}). */
    public static long[] hash(String id) {
        HashCode hc = MURMUR.hashBytes(id.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(hc.asBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return new long[]{b.getLong(0), b.getLong(8)};
    }

    /** The hashes of many ids, flattened ({@code h1, h2} pairs). */
    public static long[] hashes(Collection<String> ids) {
        long[] out = new long[ids.size() * 2];
        int i = 0;
        for (String id : ids) {
            long[] h = hash(id);
            out[i++] = h[0];
            out[i++] = h[1];
        }
        return out;
    }

    /** The encoded filter of a segment's id column, or empty when the segment is too large for one. */
    public static Optional<String> encode(StringColumn ids) {
        int n = ids.size();
        long[] h1 = new long[n];
        long[] h2 = new long[n];
        int c = 0;
        for (int r = 0; r < n; r++) {
            String id = ids.getString(r);
            if (id == null) {
                continue;
            }
            long[] h = hash(id);
            h1[c] = h[0];
            h2[c] = h[1];
            c++;
        }
        return encode(Arrays.copyOf(h1, c), Arrays.copyOf(h2, c));
    }

    /** The encoded filter of ids given by their hashes (duplicates allowed). */
    static Optional<String> encode(long[] h1, long[] h2) {
        long[] sorted = h1.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        if (distinct <= EXACT_MAX) {
            ByteBuffer b = ByteBuffer.allocate(distinct * 8);
            for (int i = 0; i < distinct; i++) {
                b.putLong(sorted[i]);
            }
            return Optional.of("x:" + Base64.getEncoder().withoutPadding().encodeToString(b.array()));
        }
        if (distinct > BLOOM_MAX) {
            return Optional.empty();
        }
        int bytes = (int) ((distinct * (long) BLOOM_BITS_PER_ID + 7) / 8);
        long m = bytes * 8L;
        byte[] bits = new byte[bytes];
        for (int i = 0; i < h1.length; i++) {
            for (int j = 0; j < BLOOM_K; j++) {
                long bit = Math.floorMod(h1[i] + j * h2[i], m);
                bits[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return Optional.of("b" + BLOOM_K + ":" + Base64.getEncoder().withoutPadding().encodeToString(bits));
    }

    /** The parsed filter, or empty for an encoding this build does not know (the segment is then read). Cached. */
    public static Optional<IdFilter> parse(String text) {
        Optional<IdFilter> f = PARSED.getIfPresent(text);
        if (f == null) {
            f = parseUncached(text);
            PARSED.put(text, f);
        }
        return f;
    }

    private static Optional<IdFilter> parseUncached(String text) {
        try {
            int colon = text.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            String tag = text.substring(0, colon);
            byte[] data = Base64.getDecoder().decode(text.substring(colon + 1));
            if (tag.equals("x")) {
                if (data.length % 8 != 0) {
                    return Optional.empty();
                }
                long[] exact = new long[data.length / 8];
                ByteBuffer b = ByteBuffer.wrap(data);
                for (int i = 0; i < exact.length; i++) {
                    exact[i] = b.getLong();
                }
                Arrays.sort(exact);
                return Optional.of(new IdFilter(exact, null, 0, 0));
            }
            if (tag.startsWith("b")) {
                int k = Integer.parseInt(tag.substring(1));
                if (k < 1 || k > 64 || data.length == 0) {
                    return Optional.empty();
                }
                long[] bits = new long[(data.length + 7) / 8];
                for (int i = 0; i < data.length; i++) {
                    bits[i >>> 3] |= (data[i] & 0xffL) << ((i & 7) * 8);
                }
                return Optional.of(new IdFilter(null, bits, data.length * 8L, k));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // malformed: treat as no filter
        }
    }

    /** False only when the id (given by its {@link #hash}) is certainly not in the segment. */
    public boolean mayContain(long h1, long h2) {
        if (exact != null) {
            return Arrays.binarySearch(exact, h1) >= 0;
        }
        for (int j = 0; j < k; j++) {
            long bit = Math.floorMod(h1 + j * h2, m);
            if ((bits[(int) (bit >>> 6)] & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** True when any of the ids (flattened {@link #hashes}) may be in the segment. */
    public boolean mayContainAny(long[] hashes) {
        for (int i = 0; i < hashes.length; i += 2) {
            if (mayContain(hashes[i], hashes[i + 1])) {
                return true;
            }
        }
        return false;
    }

    /** True for the exact form (no false positives beyond 64-bit hash collisions). */
    public boolean exact() {
        return exact != null;
    }
}
