package io.omnigraph.engine.testing;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.wrap.ForwardingObjectStore;
import io.omnigraph.storage.StoreException;

import java.util.function.Predicate;

/**
 * Test-only fault injection for conditional writes on keys matching a predicate: {@link Mode#LANDED_THEN_412} performs
 * the write and then reports PreconditionFailed (an SDK retry of a write that had succeeded);
 * {@link Mode#CRASH_BEFORE} throws Transient without writing (the process "dies" before the CAS). Each armed fault
 * fires once.
 */
public final class FaultStore extends ForwardingObjectStore {
    public enum Mode { LANDED_THEN_412, CRASH_BEFORE }

    private volatile Mode armed;
    private volatile Predicate<String> keys = k -> false;
    private volatile int fired;

    public FaultStore(ObjectStore delegate) {
        super(delegate);
    }

    /** Like the plain default: closing the fault layer leaves the shared store open. */
    @Override
    public void close() {
    }

    public void arm(Mode mode, Predicate<String> onKeys) {
        this.keys = onKeys;
        this.armed = mode;
    }

    public int fired() {
        return fired;
    }

    private synchronized Mode take(String key) {
        Mode m = armed;
        if (m != null && keys.test(key)) {
            armed = null;
            fired++;
            return m;
        }
        return null;
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        Mode m = take(key);
        if (m == Mode.CRASH_BEFORE) {
            throw new StoreException.Transient(key, "injected crash before write", null);
        }
        String v = delegate.putIfAbsent(key, bytes);
        if (m == Mode.LANDED_THEN_412) {
            throw new StoreException.PreconditionFailed(key, "injected 412 after the write landed");
        }
        return v;
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        Mode m = take(key);
        if (m == Mode.CRASH_BEFORE) {
            throw new StoreException.Transient(key, "injected crash before write", null);
        }
        String v = delegate.putIfMatch(key, bytes, expectedVersion);
        if (m == Mode.LANDED_THEN_412) {
            throw new StoreException.PreconditionFailed(key, "injected 412 after the write landed");
        }
        return v;
    }
}
