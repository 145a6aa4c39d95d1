package io.omnigraph.cluster.state;

import java.util.List;
import java.util.Optional;

/** {@code resource_statuses[addr]}: {@code applied | drifted | blocked | error} with conditions and a message. */
public record ResourceStatus(String status, List<String> conditions, Optional<String> message) {
    public ResourceStatus {
        conditions = List.copyOf(conditions);
    }

    public static ResourceStatus applied() {
        return new ResourceStatus("applied", List.of(), Optional.empty());
    }

    public static ResourceStatus of(String status, String condition, String message) {
        return new ResourceStatus(status, List.of(condition), Optional.ofNullable(message));
    }
}
