package io.omnigraph.engine.load;

import java.util.Arrays;

/**
 * A run of consecutive input lines copied out of the {@link LineReader} (so the reader can move on), plus what the
 * scan stage found in each line. Lines are numbered from {@link #firstLine}; {@link #failure} is the reader's error
 * after the last line (a line over 32 MiB, an I/O error), delivered in file order: the records before it are applied
 * first, exactly as when the reader throws in a sequential loop. Written by one thread, then handed over (through a
 * blocking queue, which publishes it) to the loading thread.
 */
final class LineBatch {
    static final byte BLANK = 0;
    /** A plain edge record whose strings are raw ASCII bytes: the type is in {@link #edgeType}, endpoints by offset. */
    static final byte EDGE_BYTES = 1;
    /** A plain edge record read by the streaming parser: {@link #parsed} holds {@code String[]{from, to}}. */
    static final byte EDGE_STRINGS = 2;
    /** Anything else: {@link #parsed} holds the JSON tree or the {@link RuntimeException} parsing it gave. */
    static final byte GENERAL = 3;

    final long firstLine;
    byte[] data;
    int used;
    int count;
    int[] start;
    int[] length;
    long[] consumedAfter;
    RuntimeException failure;
    boolean last;

    byte[] kind;
    Object[] edgeType;
    int[] ends;
    Object[] parsed;

    LineBatch(long firstLine, int lines, int bytes) {
        this.firstLine = firstLine;
        this.data = new byte[bytes];
        this.start = new int[lines];
        this.length = new int[lines];
        this.consumedAfter = new long[lines];
    }

    void add(byte[] b, int off, int len, long consumed) {
        if (count == start.length) {
            int n = count * 2;
            start = Arrays.copyOf(start, n);
            length = Arrays.copyOf(length, n);
            consumedAfter = Arrays.copyOf(consumedAfter, n);
        }
        if (used + len > data.length) {
            data = Arrays.copyOf(data, Math.max(used + len, data.length * 2));
        }
        System.arraycopy(b, off, data, used, len);
        start[count] = used;
        length[count] = len;
        consumedAfter[count] = consumed;
        used += len;
        count++;
    }

    long lastLine() {
        return firstLine + count - 1;
    }

    /**
     * Reads up to {@code maxLines} lines or about {@code maxBytes} bytes. At the end of the input, or when the reader
     * fails, the batch is the {@link #last} one.
     */
    static LineBatch read(LineReader lines, int maxLines, int maxBytes) {
        LineBatch b = new LineBatch(lines.lineNumber() + 1, Math.min(maxLines, 1024), Math.min(maxBytes, 1 << 16));
        try {
            while (b.count < maxLines && b.used < maxBytes) {
                if (!lines.next()) {
                    b.last = true;
                    break;
                }
                b.add(lines.bytes(), lines.offset(), lines.length(), lines.bytesConsumed());
            }
        } catch (RuntimeException e) {
            b.failure = e;
            b.last = true;
        }
        return b;
    }

    boolean blank(int i) {
        for (int j = start[i], end = start[i] + length[i]; j < end; j++) {
            byte c = data[j];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches the plain edge shape {@code {"edge":"E","from":"a","to":"b"}} (keys in any order, each once, spaces
     * and tabs between tokens) where every key and value is printable ASCII without escapes. On a match, fills
     * {@code out} with offset/length pairs of the edge name, from and to (in that order) and returns true; anything
     * else returns false and the line takes a general path, so the accepted set is a strict subset of valid JSON whose
     * meaning is unambiguous.
     */
    static boolean scanPlainEdge(byte[] b, int off, int len, int[] out) {
        int end = off + len;
        int i = ws(b, off, end);
        if (i >= end || b[i] != '{') {
            return false;
        }
        i++;
        int seen = 0;
        while (true) {
            i = ws(b, i, end);
            if (i >= end || b[i] != '"') {
                return false;
            }
            int k = i + 1;
            int ke = plainString(b, k, end);
            if (ke < 0) {
                return false;
            }
            int which = key(b, k, ke - k);
            if (which < 0 || (seen & (1 << which)) != 0) {
                return false;
            }
            seen |= 1 << which;
            i = ws(b, ke + 1, end);
            if (i >= end || b[i] != ':') {
                return false;
            }
            i = ws(b, i + 1, end);
            if (i >= end || b[i] != '"') {
                return false;
            }
            int v = i + 1;
            int ve = plainString(b, v, end);
            if (ve < 0) {
                return false;
            }
            out[2 * which] = v;
            out[2 * which + 1] = ve - v;
            i = ws(b, ve + 1, end);
            if (i >= end) {
                return false;
            }
            if (b[i] == ',') {
                i++;
            } else if (b[i] == '}') {
                i++;
                break;
            } else {
                return false;
            }
        }
        return seen == 7 && ws(b, i, end) == end;
    }

    private static int ws(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** Index of the closing quote of a string of printable ASCII without escapes starting at {@code i}, or -1. */
    private static int plainString(byte[] b, int i, int end) {
        for (; i < end; i++) {
            int c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) { // negative: non-ASCII
                return -1;
            }
        }
        return -1;
    }

    /** 0 for {@code edge}, 1 for {@code from}, 2 for {@code to}, -1 otherwise. */
    private static int key(byte[] b, int k, int len) {
        if (len == 4 && b[k] == 'e' && b[k + 1] == 'd' && b[k + 2] == 'g' && b[k + 3] == 'e') {
            return 0;
        }
        if (len == 4 && b[k] == 'f' && b[k + 1] == 'r' && b[k + 2] == 'o' && b[k + 3] == 'm') {
            return 1;
        }
        if (len == 2 && b[k] == 't' && b[k + 1] == 'o') {
            return 2;
        }
        return -1;
    }
}
