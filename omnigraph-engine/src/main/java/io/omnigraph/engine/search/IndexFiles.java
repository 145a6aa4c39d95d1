package io.omnigraph.engine.search;

import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.index.IndexLocation;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Persisted search indexes ({@code indexes/} of a graph root, docs/search.md §7). Key:
 * {@code indexes/<tableKey>/<n>-<hash>/p<propertyId>.<kind>} where {@code n} segments whose
 * {@link TableState#contentHash(List)} is {@code hash} are the table state the index was built from. A query on a
 * later state whose segment list starts with those {@code n} segments uses the index for the rows it still covers
 * (validated by id and content hash, see {@link Coverage}) and scans the rest.
 *
 * <p>File: magic {@code OGSX}, format version, kind ({@code text}/{@code hnsw}), property id, payload, CRC-32 of
 * everything before it. A file that fails to parse is ignored (the query scans or rebuilds), never trusted.
 */
final class IndexFiles {
    static final String PREFIX = "indexes/";
    private static final int MAGIC = 0x4f475358; // OGSX
    private static final int VERSION = 1;

    enum Kind {
        TEXT("text"), HNSW("hnsw");

        final String ext;

        Kind(String ext) {
            this.ext = ext;
        }
    }

    private IndexFiles() {
    }

    static String key(String tableKey, List<SegmentRef> segments, long propertyId, Kind kind) {
        return PREFIX + tableKey + "/" + segments.size() + "-" + TableState.contentHash(segments) + "/p" + propertyId + "." + kind.ext;
    }

    /** The persisted index covering the longest prefix of the location's segments, if any. */
    static Optional<String> find(IndexLocation loc, long propertyId, Kind kind) {
        List<ObjectInfo> listed;
        try {
            listed = loc.store().list(PREFIX + loc.tableKey() + "/");
        } catch (StoreException e) {
            return Optional.empty(); // derived data: unreadable means absent
        }
        String suffix = "/p" + propertyId + "." + kind.ext;
        String best = null;
        int bestN = -1;
        String base = PREFIX + loc.tableKey() + "/";
        for (ObjectInfo o : listed) {
            String k = o.key();
            if (!k.startsWith(base) || !k.endsWith(suffix)) {
                continue;
            }
            String dir = k.substring(base.length(), k.length() - suffix.length());
            int dash = dir.indexOf('-');
            if (dash <= 0 || dir.indexOf('/') >= 0) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(dir.substring(0, dash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (n < 1 || n > loc.segments().size() || n <= bestN) {
                continue;
            }
            if (TableState.contentHash(loc.segments().subList(0, n)).equals(dir.substring(dash + 1))) {
                best = k;
                bestN = n;
            }
        }
        return Optional.ofNullable(best);
    }

    interface Payload {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] encode(Kind kind, long propertyId, Payload payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(kind.ext);
        out.writeLong(propertyId);
        payload.write(out);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    static <T> Optional<T> decode(byte[] data, Kind kind, long propertyId, Reader<T> reader) {
        if (data.length < 8) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = 0;
        for (int i = data.length - 8; i < data.length; i++) {
            stored = (stored << 8) | (data[i] & 0xff);
        }
        if (stored != crc.getValue()) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(kind.ext) || in.readLong() != propertyId) {
                return Optional.empty();
            }
            T value = reader.read(in);
            return in.available() == 0 ? Optional.of(value) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Persisted indexes decoded successfully, for tests and diagnostics. */
    static final java.util.concurrent.atomic.AtomicLong LOADED = new java.util.concurrent.atomic.AtomicLong();

    static <T> Optional<T> load(ObjectStore store, String key, Kind kind, long propertyId, Reader<T> reader) {
        try {
            Optional<T> out = store.get(key).flatMap(o -> decode(o.bytes(), kind, propertyId, reader));
            out.ifPresent(x -> LOADED.incrementAndGet());
            return out;
        } catch (StoreException e) {
            return Optional.empty();
        }
    }
}
