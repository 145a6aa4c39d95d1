package io.omnigraph.cluster.failpoint;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Armed failpoints of one control-plane instance. {@link Mode#ERROR} makes the command stop there and report
 * {@code injected_failpoint} (locks released, like the original's test builds); {@link Mode#CRASH} throws
 * {@link FailpointCrash}, simulating process death: nothing after it runs, not even lock release.
 */
public final class Failpoints {
    /** How an armed failpoint fires. */
    public enum Mode { ERROR, CRASH }

    /** The simulated death of the process at a failpoint. Deliberately not caught by the control plane. */
    public static final class FailpointCrash extends RuntimeException {
        private final Failpoint failpoint;

        public FailpointCrash(Failpoint f) {
            super("simulated crash at failpoint " + f.wire());
            this.failpoint = f;
        }

        public Failpoint failpoint() {
            return failpoint;
        }
    }

    /** Thrown for {@link Mode#ERROR}; the command converts it into an {@code injected_failpoint} diagnostic. */
    public static final class FailpointError extends RuntimeException {
        private final Failpoint failpoint;

        public FailpointError(Failpoint f) {
            super("injected failpoint " + f.wire());
            this.failpoint = f;
        }

        public Failpoint failpoint() {
            return failpoint;
        }
    }

    private final Map<Failpoint, Mode> armed = new EnumMap<>(Failpoint.class);

    public static Failpoints none() {
        return new Failpoints();
    }

    public synchronized Failpoints arm(Failpoint f, Mode m) {
        armed.put(f, m);
        return this;
    }

    public synchronized void clear() {
        armed.clear();
    }

    public synchronized Optional<Mode> mode(Failpoint f) {
        return Optional.ofNullable(armed.get(f));
    }

    /** Fires the failpoint if armed (once: it disarms itself). */
    public void hit(Failpoint f) {
        Mode m;
        synchronized (this) {
            m = armed.remove(f);
        }
        if (m == null) {
            return;
        }
        throw m == Mode.CRASH ? new FailpointCrash(f) : new FailpointError(f);
    }
}
