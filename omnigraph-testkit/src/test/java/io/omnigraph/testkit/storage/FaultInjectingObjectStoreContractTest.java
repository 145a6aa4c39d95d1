package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore;

/** Without rules, the fault-injecting wrapper must not change behaviour. */
class FaultInjectingObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
        return new FaultInjectingObjectStore(new InMemoryObjectStore());
    }
}
