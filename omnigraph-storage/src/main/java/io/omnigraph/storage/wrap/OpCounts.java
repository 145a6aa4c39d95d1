package io.omnigraph.storage.wrap;

/**
 * An immutable snapshot of a {@link CountingObjectStore}: calls per operation kind, bytes moved, and sequential round
 * trips (see {@link io.omnigraph.storage.Parallel}). Calls are counted when they are made, successful or not; bytes
 * read count successful gets, bytes written count every put attempt.
 */
public record OpCounts(long get, long head, long put, long putIfAbsent, long putIfMatch, long list, long delete,
                       long bytesRead, long bytesWritten, long roundTrips) {

    public static final OpCounts ZERO = new OpCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Calls of one kind. */
    public long of(StoreOp op) {
        return switch (op) {
            case GET -> get;
            case HEAD -> head;
            case PUT -> put;
            case PUT_IF_ABSENT -> putIfAbsent;
            case PUT_IF_MATCH -> putIfMatch;
            case LIST -> list;
            case DELETE -> delete;
        };
    }

    /** All calls. */
    public long calls() {
        return get + head + put + putIfAbsent + putIfMatch + list + delete;
    }

    /** get + head + list. */
    public long reads() {
        return get + head + list;
    }

    /** put + putIfAbsent + putIfMatch + delete. */
    public long writes() {
        return put + putIfAbsent + putIfMatch + delete;
    }

    /** This snapshot minus an earlier one: what happened in between. */
    public OpCounts minus(OpCounts earlier) {
        return new OpCounts(get - earlier.get, head - earlier.head, put - earlier.put,
                putIfAbsent - earlier.putIfAbsent, putIfMatch - earlier.putIfMatch, list - earlier.list,
                delete - earlier.delete, bytesRead - earlier.bytesRead, bytesWritten - earlier.bytesWritten,
                roundTrips - earlier.roundTrips);
    }

    /** Compact form for assertion messages and benchmark output. */
    @Override
    public String toString() {
        return "OpCounts[get=" + get + " head=" + head + " put=" + put + " putIfAbsent=" + putIfAbsent
                + " putIfMatch=" + putIfMatch + " list=" + list + " delete=" + delete + " | calls=" + calls()
                + " roundTrips=" + roundTrips + " bytesRead=" + bytesRead + " bytesWritten=" + bytesWritten + "]";
    }
}
