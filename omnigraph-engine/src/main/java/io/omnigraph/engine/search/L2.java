package io.omnigraph.engine.search;

import org.apache.lucene.util.VectorUtil;

/** Squared Euclidean distances over row-major float arrays. */
final class L2 {
    private L2() {
    }

    /** Exact squared distance in double precision (ranking and tie decisions). */
    static double squared(float[] q, float[] raw, int offset) {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            double d = (double) q[i] - raw[offset + i];
            s += d * d;
        }
        return s;
    }

    /**
     * Fast float squared distance through Lucene's {@link VectorUtil#squareDistance(float[], float[])} (SIMD when the
     * JVM runs with {@code --add-modules jdk.incubator.vector}): the row is copied into {@code scratch} (length
     * {@code q.length}) first, as Lucene takes whole arrays. For graph navigation and the brute-force shortlist only;
     * float rounding (order of summation) differs from {@link #squared}.
     */
    static float squaredFast(float[] q, float[] raw, int offset, float[] scratch) {
        System.arraycopy(raw, offset, scratch, 0, q.length);
        return VectorUtil.squareDistance(q, scratch);
    }
}
