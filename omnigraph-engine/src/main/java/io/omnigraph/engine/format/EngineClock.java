package io.omnigraph.engine.format;

/** The engine's only source of time (injectable for deterministic simulation). */
@FunctionalInterface
public interface EngineClock {
    /** Microseconds since the Unix epoch. */
    long nowMicros();

    default long nowMillis() {
        return nowMicros() / 1000;
    }

    static EngineClock system() {
        return () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        };
    }
}
