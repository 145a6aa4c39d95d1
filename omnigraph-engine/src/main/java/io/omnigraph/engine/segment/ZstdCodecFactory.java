package io.omnigraph.engine.segment;

import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parquet codecs without Hadoop and without JNI: ZSTD through aircompressor (pure Java) and UNCOMPRESSED. Every call
 * returns a fresh, stateless (de)compressor, so concurrent readers never share state.
 */
public final class ZstdCodecFactory implements CompressionCodecFactory {
    public static final ZstdCodecFactory INSTANCE = new ZstdCodecFactory();

    private ZstdCodecFactory() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                byte[] in = bytes.toByteArray();
                ZstdCompressor c = new ZstdCompressor();
                byte[] out = new byte[c.maxCompressedLength(in.length)];
                int len = c.compress(in, 0, in.length, out, 0, out.length);
                return BytesInput.from(out, 0, len);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                byte[] in = bytes.toByteArray();
                byte[] out = new byte[uncompressedSize];
                int n = new ZstdDecompressor().decompress(in, 0, in.length, out, 0, out.length);
                if (n != uncompressedSize) {
                    throw new IOException("zstd page decompressed to " + n + " bytes, expected " + uncompressedSize);
                }
                return BytesInput.from(out);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    ByteBuffer slice = input.duplicate();
                    slice.limit(slice.position() + compressedSize);
                    output.put(slice);
                    return;
                }
                byte[] in = new byte[compressedSize];
                input.duplicate().get(in);
                byte[] out = new byte[uncompressedSize];
                int n = new ZstdDecompressor().decompress(in, 0, in.length, out, 0, out.length);
                if (n != uncompressedSize) {
                    throw new IOException("zstd page decompressed to " + n + " bytes, expected " + uncompressedSize);
                }
                output.put(out);
            }

            @Override
            public void release() {
            }
        };
    }

    private static void check(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new UnsupportedOperationException("segment codec " + codec + " is not supported (ZSTD or UNCOMPRESSED)");
        }
    }

    @Override
    public void release() {
    }
}
