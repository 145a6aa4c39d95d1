package io.omnigraph.engine.diff;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.util.Objects;
import java.util.Optional;

/**
 * Page bounds of a change listing: at most {@code limit} changes (default 1,000, ceiling 8,192) and about
 * {@code maxBytes} of JSON (default 4 MiB, ceiling 32 MiB; a packing target — a single larger change is emitted
 * alone). Limits above the ceiling are refused with {@code resource_limit} (HTTP 413).
 */
public record PageSpec(int limit, long maxBytes) {
    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 8_192;
    public static final long DEFAULT_BYTES = 4L << 20;
    public static final long MAX_BYTES = 32L << 20;

    public PageSpec {
        if (limit < 1) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "limit", "limit must be at least 1, got " + limit);
        }
        if (limit > MAX_LIMIT) {
            throw new EngineException.ResourceLimit("limit", MAX_LIMIT, limit, "limit " + limit
                    + " is above the ceiling of " + MAX_LIMIT + " changes per page; use a smaller limit and follow the page token");
        }
        if (maxBytes < 1) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "max_bytes", "max bytes must be positive");
        }
        if (maxBytes > MAX_BYTES) {
            throw new EngineException.ResourceLimit("max_bytes", MAX_BYTES, maxBytes, "page size " + maxBytes
                    + " bytes is above the ceiling of " + MAX_BYTES + " bytes");
        }
    }

    public static PageSpec defaults() {
        return new PageSpec(DEFAULT_LIMIT, DEFAULT_BYTES);
    }

    public static PageSpec of(Optional<Integer> limit) {
        Objects.requireNonNull(limit);
        return new PageSpec(limit.orElse(DEFAULT_LIMIT), DEFAULT_BYTES);
    }
}
