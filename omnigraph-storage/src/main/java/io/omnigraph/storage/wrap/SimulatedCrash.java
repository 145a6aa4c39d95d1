package io.omnigraph.storage.wrap;

/**
 * Thrown by {@link FaultInjectingObjectStore} once its simulated process has "died": from the crash point on, every
 * call throws this. It is deliberately <em>not</em> a {@link io.omnigraph.storage.StoreException}, so code under test
 * cannot handle it like a storage failure by accident, and a test can tell "the process died here" from "the store
 * reported an error".
 */
public final class SimulatedCrash extends RuntimeException {
    public SimulatedCrash(String message) {
        super(message);
    }
}
