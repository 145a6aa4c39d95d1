package io.omnigraph.cluster.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.cluster.lock.LockInfo;
import io.omnigraph.cluster.state.ClusterState;

import java.time.Instant;
import java.util.Optional;

/** Builds the {@code state_observations} object (spec §3.9, plus lease fields). */
final class Observations {
    String statePath = "";
    String lockPath = "";
    boolean stateFound;
    Optional<String> appliedConfigDigest = Optional.empty();
    long stateRevision;
    Optional<String> stateCas = Optional.empty();
    int resourceCount;
    Optional<LockInfo> foreign = Optional.empty();
    Optional<LockInfo> acquired = Optional.empty();

    void state(ClusterState s, String cas) {
        stateFound = true;
        appliedConfigDigest = s.configDigest();
        stateRevision = s.stateRevision();
        stateCas = Optional.of(cas);
        resourceCount = s.resources().size();
    }

    ObjectNode toJson(Instant now) {
        ObjectNode o = CanonicalJson.object();
        o.put("state_path", statePath);
        o.put("lock_path", lockPath);
        o.put("state_found", stateFound);
        appliedConfigDigest.ifPresent(d -> o.put("applied_config_digest", d));
        o.put("state_revision", stateRevision);
        stateCas.ifPresent(c -> o.put("state_cas", c));
        o.put("resource_count", resourceCount);
        o.put("locked", foreign.isPresent());
        foreign.ifPresent(l -> o.put("lock_id", l.lockId()));
        o.put("lock_acquired", acquired.isPresent());
        acquired.ifPresent(l -> o.put("acquired_lock_id", l.lockId()));
        foreign.ifPresent(l -> {
            o.put("lock_operation", l.operation());
            o.put("lock_created_at", l.createdAt());
            o.put("lock_pid", l.pid());
            l.ageSeconds(now).ifPresent(a -> o.put("lock_age_seconds", a));
            l.holder().ifPresent(h -> o.put("lock_holder", h));
            l.expiresAt().ifPresent(e -> o.put("lock_expires_at", e));
            o.put("lock_expired", l.expired(now));
        });
        return o;
    }
}
