package io.omnigraph.reliability.sim;

import io.omnigraph.storage.ObjectStore;

/**
 * Deterministic interleaving without threads: runs a hook right before the process's first compare-and-swap of a
 * branch ref — after it prepared and uploaded its write, before it becomes visible — so "A prepares, B publishes,
 * then A publishes" happens in exactly that order on every run.
 */
final class HookStore extends ForwardingStore {
    private Runnable hook;

    HookStore(ObjectStore inner) {
        super(inner);
    }

    void beforeNextRefSwap(Runnable r) {
        hook = r;
    }

    boolean pending() {
        return hook != null;
    }

    void clear() {
        hook = null;
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        if (hook != null && key.startsWith("refs/branches/")) {
            Runnable r = hook;
            hook = null;
            r.run();
        }
        return inner.putIfMatch(key, bytes, expectedVersion);
    }
}
