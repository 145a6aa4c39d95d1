package io.omnigraph.reliability.sim;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.wrap.ForwardingObjectStore;

/**
 * An {@link ObjectStore} that forwards every call except {@link #close} (the shared store outlives every simulated
 * process); subclasses override what they intercept.
 */
abstract class ForwardingStore extends ForwardingObjectStore {
    protected final ObjectStore inner;

    ForwardingStore(ObjectStore inner) {
        super(inner);
        this.inner = inner;
    }

    @Override
    public void close() {
        // the shared store outlives every simulated process
    }
}
