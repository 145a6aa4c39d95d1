package io.omnigraph.bench.segment;

import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.segment.VectorEncoding;
import io.omnigraph.engine.table.TableData;

/** Quick size/time probe of 100K × 384 vector segments per encoding (complements SegmentBench). */
public final class VectorProbe {
    private VectorProbe() {
    }

    public static void main(String[] args) {
        TableData data = SegmentBench.vectors(100_000, 384, 42);
        for (VectorEncoding enc : VectorEncoding.values()) {
            for (boolean compress : new boolean[]{true, false}) {
                SegmentCodec codec = new SegmentCodec(enc, compress, 1);
                byte[] bytes = null;
                long bestW = Long.MAX_VALUE;
                long bestR = Long.MAX_VALUE;
                for (int i = 0; i < 6; i++) {
                    long t0 = System.nanoTime();
                    bytes = codec.encodeData(data);
                    long t1 = System.nanoTime();
                    codec.decode("x", bytes, data.schema(), null);
                    long t2 = System.nanoTime();
                    bestW = Math.min(bestW, t1 - t0);
                    bestR = Math.min(bestR, t2 - t1);
                }
                System.out.printf("%-11s %-5s size %6.1f MiB  write %5d ms  read %5d ms%n", enc, compress ? "zstd" : "none",
                        bytes.length / 1048576.0, bestW / 1_000_000, bestR / 1_000_000);
            }
        }
    }
}
