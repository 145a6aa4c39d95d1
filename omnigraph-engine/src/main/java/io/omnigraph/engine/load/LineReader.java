package io.omnigraph.engine.load;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ('\n', with a trailing '\r' dropped) without decoding them, in bounded memory: the
 * buffer holds at most one line plus one read chunk. Lines longer than {@link #MAX_LINE} fail.
 */
final class LineReader {
    static final int MAX_LINE = 32 * 1024 * 1024;
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    private long lineNo;
    private long consumed;
    private byte[] line;
    private int lineOff;
    private int lineLen;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at end of input. */
    boolean next() {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    emit(i, i + 1);
                    return true;
                }
            }
            if (eof) {
                if (start < end) {
                    emit(end, end);
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void emit(int lineEnd, int nextStart) {
        int len = lineEnd - start;
        if (len > 0 && buf[lineEnd - 1] == '\r') {
            len--;
        }
        lineNo++;
        if (len > MAX_LINE) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "line " + lineNo, "line " + lineNo
                    + ": the line is longer than 32 MiB; split the record or check the file is NDJSON (one record per line)");
        }
        line = buf;
        lineOff = start;
        lineLen = len;
        if (lineNo == 1 && len >= 3 && (buf[start] & 0xff) == 0xEF && (buf[start + 1] & 0xff) == 0xBB
                && (buf[start + 2] & 0xff) == 0xBF) {
            lineOff += 3; // UTF-8 byte order mark
            lineLen -= 3;
        }
        consumed += nextStart - start;
        start = nextStart;
    }

    private void fill() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            if (buf.length > MAX_LINE + 2) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "line " + (lineNo + 1), "line "
                        + (lineNo + 1) + ": the line is longer than 32 MiB; split the record or check the file is NDJSON");
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE + 4));
        }
        try {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the load input: " + e.getMessage(), e);
        }
    }

    byte[] bytes() {
        return line;
    }

    int offset() {
        return lineOff;
    }

    int length() {
        return lineLen;
    }

    long lineNumber() {
        return lineNo;
    }

    long bytesConsumed() {
        return consumed;
    }

    boolean blank() {
        for (int i = lineOff; i < lineOff + lineLen; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
