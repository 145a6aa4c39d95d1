package io.omnigraph.engine.embed;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.time.Duration;
import java.util.Map;

/**
 * Network tunables of the HTTP providers (engine.md §5.5 and Appendix B): per-request timeout (30 s), total deadline
 * of one {@link Embedder#embed} call (60 s), retries after the first attempt (4), first backoff (200 ms, doubled per
 * retry, capped by the deadline), texts per request (64). Environment overrides: {@code OMNIGRAPH_EMBED_TIMEOUT_MS},
 * {@code OMNIGRAPH_EMBED_DEADLINE_MS}, {@code OMNIGRAPH_EMBED_RETRIES}, {@code OMNIGRAPH_EMBED_BACKOFF_MS},
 * {@code OMNIGRAPH_EMBED_BATCH_SIZE}.
 */
public record EmbedTuning(Duration requestTimeout, Duration deadline, int retries, Duration backoff, int batchSize) {
    public EmbedTuning {
        if (requestTimeout.isNegative() || requestTimeout.isZero() || deadline.isNegative() || deadline.isZero()
                || backoff.isNegative() || retries < 0 || batchSize < 1) {
            throw new IllegalArgumentException("invalid embedding tuning");
        }
    }

    public static EmbedTuning defaults() {
        return new EmbedTuning(Duration.ofSeconds(30), Duration.ofSeconds(60), 4, Duration.ofMillis(200), 64);
    }

    /** Defaults overridden by {@code OMNIGRAPH_EMBED_*} variables of {@code env}; a malformed value is an error naming it. */
    public static EmbedTuning fromEnvironment(Map<String, String> env) {
        return fromEnvironment(name -> java.util.Optional.ofNullable(env.get(name)));
    }

    /** {@link #fromEnvironment(Map)} with the environment as a lookup function. */
    public static EmbedTuning fromEnvironment(java.util.function.Function<String, java.util.Optional<String>> env) {
        EmbedTuning d = defaults();
        return new EmbedTuning(
                Duration.ofMillis(number(env, "OMNIGRAPH_EMBED_TIMEOUT_MS", d.requestTimeout.toMillis(), 1)),
                Duration.ofMillis(number(env, "OMNIGRAPH_EMBED_DEADLINE_MS", d.deadline.toMillis(), 1)),
                (int) number(env, "OMNIGRAPH_EMBED_RETRIES", d.retries, 0),
                Duration.ofMillis(number(env, "OMNIGRAPH_EMBED_BACKOFF_MS", d.backoff.toMillis(), 0)),
                (int) number(env, "OMNIGRAPH_EMBED_BATCH_SIZE", d.batchSize, 1));
    }

    private static long number(java.util.function.Function<String, java.util.Optional<String>> env, String name, long dflt,
                               long min) {
        String v = env.apply(name).orElse(null);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new EngineException.Invalid(EngineErrorCode.EMBEDDING_CONFIG_INVALID, name, "environment variable " + name
                    + "='" + v + "' is not an integer >= " + min + "; unset it or fix the value");
        }
    }

    public EmbedTuning withBackoff(Duration b) {
        return new EmbedTuning(requestTimeout, deadline, retries, b, batchSize);
    }

    public EmbedTuning withRetries(int r) {
        return new EmbedTuning(requestTimeout, deadline, r, backoff, batchSize);
    }

    public EmbedTuning withBatchSize(int n) {
        return new EmbedTuning(requestTimeout, deadline, retries, backoff, n);
    }

    public EmbedTuning withTimeouts(Duration request, Duration total) {
        return new EmbedTuning(request, total, retries, backoff, batchSize);
    }
}
