package io.omnigraph.engine.snapshot;

/** Fetches segment bytes. Throws {@link io.omnigraph.engine.error.EngineException.NotFound} when the object is gone. */
@FunctionalInterface
public interface SegmentSource {
    byte[] fetch(String tableKey, String segmentId);
}
