package io.omnigraph.engine.segment;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.util.Arrays;

/** A Parquet {@link OutputFile} that collects the file in memory (segments are uploaded as one object). */
final class ByteArrayOutputFile implements OutputFile {
    private byte[] buf;
    private int count;

    ByteArrayOutputFile(int initialCapacity) {
        this.buf = new byte[Math.max(initialCapacity, 1024)];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        count = 0;
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return count;
            }

            @Override
            public void write(int b) {
                ensure(1);
                buf[count++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                ensure(len);
                System.arraycopy(b, off, buf, count, len);
                count += len;
            }
        };
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            long want = Math.max((long) count + more, (long) buf.length * 2);
            if (want > Integer.MAX_VALUE - 16) {
                if ((long) count + more > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("segment larger than 2 GiB; split the write");
                }
                want = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return "memory";
    }
}
