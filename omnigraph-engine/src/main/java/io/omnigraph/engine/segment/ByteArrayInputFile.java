package io.omnigraph.engine.segment;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.nio.ByteBuffer;

/** A Parquet {@link InputFile} over bytes fetched from the object store. Each stream is independent. */
public final class ByteArrayInputFile implements InputFile {
    private final byte[] bytes;

    public ByteArrayInputFile(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new SeekableInputStream() {
            private int pos;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void seek(long newPos) throws EOFException {
                if (newPos < 0 || newPos > bytes.length) {
                    throw new EOFException("seek to " + newPos + " outside 0.." + bytes.length);
                }
                pos = (int) newPos;
            }

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                int n = Math.min(len, bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void readFully(byte[] b) throws EOFException {
                readFully(b, 0, b.length);
            }

            @Override
            public void readFully(byte[] b, int off, int len) throws EOFException {
                if (len > bytes.length - pos) {
                    throw new EOFException("truncated segment: need " + len + " bytes at " + pos);
                }
                System.arraycopy(bytes, pos, b, off, len);
                pos += len;
            }

            @Override
            public int read(ByteBuffer buf) {
                if (pos >= bytes.length) {
                    return -1;
                }
                int n = Math.min(buf.remaining(), bytes.length - pos);
                buf.put(bytes, pos, n);
                pos += n;
                return n;
            }

            @Override
            public void readFully(ByteBuffer buf) throws EOFException {
                int n = buf.remaining();
                if (n > bytes.length - pos) {
                    throw new EOFException("truncated segment: need " + n + " bytes at " + pos);
                }
                buf.put(bytes, pos, n);
                pos += n;
            }
        };
    }
}
