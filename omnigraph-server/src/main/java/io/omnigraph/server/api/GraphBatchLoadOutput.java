package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /load/ndjson}: {@link IngestOutput} without {@code uri}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record GraphBatchLoadOutput(
        String branch,
        @JsonProperty("base_branch") Optional<String> baseBranch,
        @JsonProperty("branch_created") boolean branchCreated,
        LoadMode mode,
        List<GraphBatchDeclarationOutput> nodes,
        List<GraphBatchDeclarationOutput> edges,
        @JsonProperty("total_entities") long totalEntities,
        @JsonProperty("actor_id") Optional<String> actorId,
        Optional<CommitOutput> commit) {
    public GraphBatchLoadOutput {
        Objects.requireNonNull(branch, "branch");
        baseBranch = baseBranch == null ? Optional.empty() : baseBranch;
        Objects.requireNonNull(mode, "mode");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        actorId = actorId == null ? Optional.empty() : actorId;
        commit = commit == null ? Optional.empty() : commit;
    }
}
