package io.omnigraph.storage.wrap;

import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.ConditionalWrites.Outcome;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Fault;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Edge paths; the main cases run against every backend in ObjectStoreContract (omnigraph-testkit). */
class ConditionalWritesTest {
    private final InMemoryObjectStore inner = new InMemoryObjectStore();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLost412WhoseConfirmingReadFailsReportsTheReadFailure() {
        FaultInjectingObjectStore store = new FaultInjectingObjectStore(inner)
                .landThenPreconditionFailed(StoreOp.PUT_IF_ABSENT, 1)
                .failCall(StoreOp.GET, 1, Fault.TRANSIENT);
        assertThatThrownBy(() -> ConditionalWrites.createOrConfirm(store, "k", b("ours")))
                .isInstanceOf(StoreException.Transient.class)
                .satisfies(t -> assertThat(t.getSuppressed()).singleElement()
                        .isInstanceOf(StoreException.PreconditionFailed.class));
    }

    @Test
    void aTimeoutWhoseWriteDidNotLandStaysUnknown() {
        FaultInjectingObjectStore store = new FaultInjectingObjectStore(inner)
                .failCall(StoreOp.PUT_IF_MATCH, 1, Fault.TRANSIENT);
        String v = inner.put("k", b("before"));
        assertThatThrownBy(() -> ConditionalWrites.replaceOrConfirm(store, "k", b("after"), v))
                .isInstanceOf(StoreException.Transient.class);
        // retrying a conditional write is safe: it applies at most once
        assertThat(ConditionalWrites.replaceOrConfirm(store, "k", b("after"), v).outcome()).isEqualTo(Outcome.WRITTEN);
    }

    @Test
    void theCallersArrayIsNotShared() {
        byte[] ours = b("ours");
        ConditionalWrites.Result r = ConditionalWrites.createOrConfirm(inner, "k", ours);
        ours[0] = 'X';
        assertThat(r.current().orElseThrow().utf8()).isEqualTo("ours");
        assertThat(inner.get("k").orElseThrow().utf8()).isEqualTo("ours");
    }
}
