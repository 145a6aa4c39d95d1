package io.omnigraph.storage.wrap;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Effect;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Fault;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class FaultInjectingObjectStoreTest {
    private final InMemoryObjectStore inner = new InMemoryObjectStore();
    private final FaultInjectingObjectStore store = new FaultInjectingObjectStore(inner);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void failsTheNthCallBeforeItReachesTheStore() {
        store.failCall(2, Fault.TRANSIENT);
        store.put("a", b("1"));
        assertThatThrownBy(() -> store.put("b", b("2")))
                .isInstanceOf(StoreException.Transient.class)
                .hasMessageContaining("injected fault at call #2 (put b)");
        assertThat(inner.get("b")).as("nothing happened").isEmpty();
        store.put("b", b("2"));
        assertThat(store.calls()).isEqualTo(3);
    }

    @Test
    void failsTheNthCallOfAKindAndEveryFaultTypeMapsToItsException() {
        store.put("k", b("v"));
        store.failCall(StoreOp.GET, 2, Fault.PERMANENT)
                .failCall(StoreOp.HEAD, 1, Fault.CONFIGURATION)
                .failCall(StoreOp.LIST, 1, Fault.NOT_FOUND)
                .failCall(StoreOp.DELETE, 1, Fault.PRECONDITION_FAILED);
        store.get("k");
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreException.Permanent.class);
        assertThatThrownBy(() -> store.head("k")).isInstanceOf(StoreException.Configuration.class);
        assertThatThrownBy(() -> store.list("")).isInstanceOf(StoreException.NotFound.class);
        assertThatThrownBy(() -> store.delete("k")).isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(store.get("k")).isPresent();
    }

    @Test
    void httpStyleFaultsMapLikeTheS3Backend() {
        store.put("k", b("v0"));
        String v = inner.head("k").orElseThrow().version();
        // 409 on a conditional write: the precondition failed; elsewhere: transient
        store.failCall(StoreOp.PUT_IF_MATCH, 1, Fault.CONFLICT);
        assertThatThrownBy(() -> store.putIfMatch("k", b("v1"), v)).isInstanceOf(StoreException.PreconditionFailed.class)
                .hasMessageContaining("409 Conflict");
        store.failCall(StoreOp.PUT, 2, Fault.CONFLICT);
        assertThatThrownBy(() -> store.put("x", b("1"))).isInstanceOf(StoreException.Transient.class)
                .hasMessageContaining("409 Conflict");
        // 503 and timeouts are transient; a landed timeout leaves the write in place
        store.failCall(StoreOp.GET, 1, Fault.UNAVAILABLE);
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreException.Transient.class).hasMessageContaining("503");
        store.landThenFail(StoreOp.PUT_IF_MATCH, 2, Fault.TIMEOUT);
        assertThatThrownBy(() -> store.putIfMatch("k", b("v2"), v)).isInstanceOf(StoreException.Transient.class)
                .hasMessageContaining("timed out").hasMessageContaining("may or may not have landed");
        assertThat(new String(inner.get("k").orElseThrow().bytes(), StandardCharsets.UTF_8)).isEqualTo("v2");
    }

    @Test
    void failsCallsWhoseKeyMatches() {
        store.failKeys(k -> k.startsWith("refs/"), Fault.TRANSIENT);
        store.put("segments/a", b("1"));
        assertThatThrownBy(() -> store.putIfAbsent("refs/main", b("c"))).isInstanceOf(StoreException.Transient.class);
        assertThatThrownBy(() -> store.get("refs/main")).isInstanceOf(StoreException.Transient.class);
        assertThat(inner.list("")).extracting(ObjectInfo::key).containsExactly("segments/a");
    }

    @Test
    void landedThenFailedWritesReallyLanded() {
        store.landThenPreconditionFailed(StoreOp.PUT_IF_ABSENT, 1);
        assertThatThrownBy(() -> store.putIfAbsent("refs/main", b("ours")))
                .isInstanceOf(StoreException.PreconditionFailed.class)
                .hasMessageContaining("after the call landed");
        assertThat(inner.get("refs/main").orElseThrow().utf8()).isEqualTo("ours");
        assertThatThrownBy(() -> store.landThenPreconditionFailed(StoreOp.PUT, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crashAfterNCallsKillsEveryLaterCall() {
        store.crashAfter(2);
        store.put("a", b("1"));
        store.put("b", b("2"));
        Throwable t = catchThrowable(() -> store.put("c", b("3")));
        assertThat(t).isInstanceOf(SimulatedCrash.class).isNotInstanceOf(StoreException.class)
                .hasMessageContaining("call #3 (put c)");
        assertThat(store.crashed()).isTrue();
        assertThatThrownBy(() -> store.get("a")).isInstanceOf(SimulatedCrash.class)
                .hasMessageContaining("died at call #3");
        assertThat(inner.list("")).hasSize(2);
        store.reset();
        assertThat(store.crashed()).isFalse();
        assertThat(store.get("a")).isPresent();
    }

    @Test
    void aCrashRightAfterAWriteLandedLeavesTheWrite() {
        store.landThenFail(StoreOp.PUT_IF_MATCH, 1, Fault.CRASH);
        String v = store.put("ref", b("c0"));
        assertThatThrownBy(() -> store.putIfMatch("ref", b("c1"), v)).isInstanceOf(SimulatedCrash.class);
        assertThat(inner.get("ref").orElseThrow().utf8()).isEqualTo("c1");
        assertThatThrownBy(() -> store.get("ref")).isInstanceOf(SimulatedCrash.class);
    }

    @Test
    void delaysAddLatency() {
        store.delay(Duration.ofMillis(40));
        long t0 = System.nanoTime();
        store.put("a", b("1"));
        store.get("a");
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(80_000_000L);
    }

    @Test
    void truncatedListingsReturnAPrefix() {
        for (String k : List.of("a", "b", "c", "d")) {
            inner.put(k, b(k));
        }
        store.truncateLists(2);
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a", "b");
        store.reset();
        assertThat(store.list("")).hasSize(4);
    }

    @Test
    void rulesFireALimitedNumberOfTimes() {
        store.rule(FaultInjectingObjectStore.ops(StoreOp.GET), Effect.fail(Fault.TRANSIENT), 2);
        assertThatThrownBy(() -> store.get("x")).isInstanceOf(StoreException.Transient.class);
        assertThatThrownBy(() -> store.get("x")).isInstanceOf(StoreException.Transient.class);
        assertThat(store.get("x")).isEmpty();
    }

    @Test
    void seededRandomFaultsAreReproducible() {
        assertThat(failurePattern(42)).isEqualTo(failurePattern(42));
        assertThat(failurePattern(42)).isNotEqualTo(failurePattern(43));
        assertThat(failurePattern(42)).contains(true, false);
    }

    private static List<Boolean> failurePattern(long seed) {
        FaultInjectingObjectStore s = new FaultInjectingObjectStore(new InMemoryObjectStore())
                .random(seed, 0.3, FaultInjectingObjectStore.anyCall(), Effect.fail(Fault.TRANSIENT));
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            try {
                s.put("k" + i, b("v"));
                failed.add(false);
            } catch (StoreException.Transient e) {
                failed.add(true);
            }
        }
        return failed;
    }
}
