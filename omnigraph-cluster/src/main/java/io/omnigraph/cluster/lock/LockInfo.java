package io.omnigraph.cluster.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.cluster.json.Ids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The content of {@code __cluster/lock.json}: the spec's five fields ({@code version, lock_id, operation,
 * created_at, pid}) plus this implementation's lease fields ({@code holder, lease_seconds, expires_at,
 * renewed_at}). A lock without {@code expires_at} (written by a tool without leases) never expires: only
 * {@code force-unlock} removes it.
 */
public record LockInfo(String lockId, String operation, String createdAt, long pid, Optional<String> holder,
                       Optional<Long> leaseSeconds, Optional<String> expiresAt, Optional<String> renewedAt) {
    private static final Set<String> FIELDS = Set.of("version", "lock_id", "operation", "created_at", "pid", "holder",
            "lease_seconds", "expires_at", "renewed_at");

    /** Thrown for a lock file that cannot be understood. */
    public static final class Invalid extends Exception {
        private final ClusterCode code;

        Invalid(ClusterCode code, String message) {
            super(message);
            this.code = code;
        }

        public ClusterCode code() {
            return code;
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.object();
        o.put("version", 1);
        o.put("lock_id", lockId);
        o.put("operation", operation);
        o.put("created_at", createdAt);
        o.put("pid", pid);
        holder.ifPresent(h -> o.put("holder", h));
        leaseSeconds.ifPresent(l -> o.put("lease_seconds", l));
        expiresAt.ifPresent(e -> o.put("expires_at", e));
        renewedAt.ifPresent(r -> o.put("renewed_at", r));
        return o;
    }

    /** Pretty JSON without trailing newline (spec §2.4). */
    public byte[] toBytes() {
        return CanonicalJson.pretty(toJson()).getBytes(StandardCharsets.UTF_8);
    }

    public boolean expired(Instant now) {
        if (expiresAt.isEmpty()) {
            return false;
        }
        try {
            return Ids.parseRfc3339(expiresAt.get()).isBefore(now);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Seconds since {@code created_at}, never negative; empty when unparseable. */
    public Optional<Long> ageSeconds(Instant now) {
        try {
            return Optional.of(Math.max(0, now.getEpochSecond() - Ids.parseRfc3339(createdAt).getEpochSecond()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public LockInfo renewed(Instant now, long lease) {
        return new LockInfo(lockId, operation, createdAt, pid, holder, Optional.of(lease),
                Optional.of(Ids.rfc3339(now.plusSeconds(lease))), Optional.of(Ids.rfc3339(now)));
    }

    public static LockInfo parse(byte[] bytes) throws Invalid {
        JsonNode n;
        try {
            n = CanonicalJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new Invalid(ClusterCode.INVALID_STATE_LOCK, "lock.json is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Invalid(ClusterCode.INVALID_STATE_LOCK, "lock.json must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELDS.contains(k)) {
                throw new Invalid(ClusterCode.INVALID_STATE_LOCK, "unknown field `" + k + "` in lock.json");
            }
        }
        if (!n.path("version").isIntegralNumber()) {
            throw new Invalid(ClusterCode.INVALID_STATE_LOCK, "lock.json needs an integer `version`");
        }
        if (n.get("version").asLong() != 1) {
            throw new Invalid(ClusterCode.UNSUPPORTED_STATE_LOCK_VERSION, "unsupported lock.json version " + n.get("version").asLong());
        }
        if (!n.path("lock_id").isTextual() || !n.path("operation").isTextual() || !n.path("created_at").isTextual()
                || !n.path("pid").isIntegralNumber()) {
            throw new Invalid(ClusterCode.INVALID_STATE_LOCK, "lock.json needs lock_id, operation, created_at (strings) and pid (integer)");
        }
        return new LockInfo(n.get("lock_id").asText(), n.get("operation").asText(), n.get("created_at").asText(),
                n.get("pid").asLong(), text(n, "holder"), n.path("lease_seconds").isIntegralNumber()
                ? Optional.of(n.get("lease_seconds").asLong()) : Optional.empty(), text(n, "expires_at"), text(n, "renewed_at"));
    }

    private static Optional<String> text(JsonNode n, String f) {
        return n.hasNonNull(f) ? Optional.of(n.get(f).asText()) : Optional.empty();
    }
}
