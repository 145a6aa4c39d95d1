package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.ForwardingObjectStore;

/** A forwarding store that overrides nothing must behave exactly like the store it wraps. */
class ForwardingObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
        return new ForwardingObjectStore(new InMemoryObjectStore()) {
        };
    }
}
