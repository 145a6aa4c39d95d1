package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.CountingObjectStore;

/** The counting wrapper must not change behaviour. */
class CountingObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
        return new CountingObjectStore(new InMemoryObjectStore());
    }
}
