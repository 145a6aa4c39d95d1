package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/** Body of {@code POST /graphs/{id}/mutate} (and {@code /change}, stored mutations). */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeOutput(
        String branch,
        @JsonProperty("query_name") String queryName,
        @JsonProperty("affected_nodes") long affectedNodes,
        @JsonProperty("affected_edges") long affectedEdges,
        @JsonProperty("actor_id") Optional<String> actorId,
        Optional<CommitOutput> commit) implements InvokeStoredQueryResponse {
    public ChangeOutput {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(queryName, "query_name");
        actorId = actorId == null ? Optional.empty() : actorId;
        commit = commit == null ? Optional.empty() : commit;
    }
}
