package io.omnigraph.engine.embed;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

/** Validation and normalisation of provider vectors: finite, non-zero, L2-normalised, of the requested width. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Checks and L2-normalises a provider vector in place.
     *
     * @throws EngineException.Invalid {@code embedding_failed} for a wrong width, NaN/Inf or an all-zero vector
     */
    public static float[] normalized(float[] v, int dimension, String provider, int index) {
        if (v.length != dimension) {
            throw failed(provider, "returned a vector of " + v.length + " floats for text " + index + ", expected "
                    + dimension + " (the property's Vector(" + dimension + ") width); check the model supports that dimension");
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw failed(provider, "returned a non-finite value (NaN or Inf) for text " + index);
            }
            sum += (double) x * x;
        }
        if (sum == 0) {
            throw failed(provider, "returned an all-zero vector for text " + index);
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static EngineException.Invalid failed(String provider, String message) {
        return new EngineException.Invalid(EngineErrorCode.EMBEDDING_FAILED, provider, "embedding provider " + provider + " "
                + message);
    }
}
