package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.PrefixedObjectStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A prefixed view passes the whole contract, over an inner store that also holds unrelated objects. */
class PrefixedObjectStoreContractTest extends ObjectStoreContract {
    private InMemoryObjectStore inner;

    @Override
    protected ObjectStore newStore() {
        inner = new InMemoryObjectStore();
        inner.put("graphs/other.omni/graph.json", utf8("neighbour"));
        inner.put("graphs/a.omnibus", utf8("shares the string prefix"));
        inner.put("__cluster/state.json", utf8("ledger"));
        return new PrefixedObjectStore(inner, "graphs/a.omni");
    }

    @Test
    void keysLandUnderThePrefixAndNeighboursStayInvisible() {
        store.put("refs/branches/main.json", utf8("m"));
        assertThat(inner.get("graphs/a.omni/refs/branches/main.json")).isPresent();
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("refs/branches/main.json");
        assertThat(inner.list("")).hasSize(4);
        assertThat(store.location()).endsWith("/graphs/a.omni");
        store.close();
        assertThat(inner.get("__cluster/state.json")).as("closing the view leaves the inner store usable").isPresent();
    }

    @Test
    void badPrefixesAreRefused() {
        assertThatThrownBy(() -> new PrefixedObjectStore(inner, "")).isInstanceOf(StoreException.Configuration.class);
        assertThatThrownBy(() -> new PrefixedObjectStore(inner, "/abs")).isInstanceOf(StoreException.Configuration.class);
        assertThatThrownBy(() -> new PrefixedObjectStore(inner, "a/../b")).isInstanceOf(StoreException.Configuration.class);
        assertThat(new PrefixedObjectStore(inner, "x/y/").prefix()).isEqualTo("x/y/");
    }
}
