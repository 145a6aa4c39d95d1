package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;

class InMemoryObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
        return new InMemoryObjectStore();
    }
}
