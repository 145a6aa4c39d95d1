package io.omnigraph.engine.search;

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

    /** Fast float squared distance with four accumulators (graph navigation only). */
    static float squaredFast(float[] q, float[] raw, int offset) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = q.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            float d0 = q[i] - raw[offset + i];
            float d1 = q[i + 1] - raw[offset + i + 1];
            float d2 = q[i + 2] - raw[offset + i + 2];
            float d3 = q[i + 3] - raw[offset + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            float d = q[i] - raw[offset + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
