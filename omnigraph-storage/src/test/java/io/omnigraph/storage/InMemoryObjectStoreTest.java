package io.omnigraph.storage;

import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryObjectStoreTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void conditionalWritesAreCompareAndSwap() {
        ObjectStore store = new InMemoryObjectStore();
        String v1 = store.putIfAbsent("refs/main", b("one"));
        assertThatThrownBy(() -> store.putIfAbsent("refs/main", b("two")))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        String v2 = store.putIfMatch("refs/main", b("two"), v1);
        assertThatThrownBy(() -> store.putIfMatch("refs/main", b("three"), v1))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(store.get("refs/main")).hasValueSatisfying(o -> {
            assertThat(o.utf8()).isEqualTo("two");
            assertThat(o.version()).isEqualTo(v2);
        });
    }

    @Test
    void rejectsKeysThatEscapeTheRoot() {
        ObjectStore store = new InMemoryObjectStore();
        assertThatThrownBy(() -> store.put("../x", b("x"))).isInstanceOf(StoreException.Configuration.class)
                .hasMessageContaining("'..'");
    }
}
