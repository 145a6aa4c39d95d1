package io.omnigraph.server.config;

/**
 * Request limits.
 *
 * @param bodyBytes           maximum JSON request body (default 1 MiB)
 * @param loadBodyBytes       maximum body of {@code /load}, {@code /ingest} and {@code /load/ndjson} (default 32 MiB)
 * @param perActorInFlightMax concurrent admitted writes per actor ({@code OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX}, 16)
 * @param perActorBytesMax    estimated in-flight bytes per actor ({@code OMNIGRAPH_PER_ACTOR_BYTES_MAX}, 4 GiB)
 */
public record Limits(long bodyBytes, long loadBodyBytes, int perActorInFlightMax, long perActorBytesMax) {
    public static final long MIB = 1024L * 1024L;
    public static final long DEFAULT_BODY_BYTES = MIB;
    public static final long DEFAULT_LOAD_BODY_BYTES = 32 * MIB;
    public static final int DEFAULT_INFLIGHT_MAX = 16;
    public static final long DEFAULT_BYTES_MAX = 4L * 1024 * MIB;
    public static final Limits DEFAULTS = new Limits(DEFAULT_BODY_BYTES, DEFAULT_LOAD_BODY_BYTES,
            DEFAULT_INFLIGHT_MAX, DEFAULT_BYTES_MAX);

    public Limits {
        if (bodyBytes < 1 || loadBodyBytes < 1 || perActorInFlightMax < 1 || perActorBytesMax < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (loadBodyBytes > Integer.MAX_VALUE - 16 || bodyBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("body limits must fit in a Java array");
        }
    }

    public Limits withAdmission(int inFlightMax, long bytesMax) {
        return new Limits(bodyBytes, loadBodyBytes, inFlightMax, bytesMax);
    }

    public Limits withBodies(long body, long loadBody) {
        return new Limits(body, loadBody, perActorInFlightMax, perActorBytesMax);
    }
}
