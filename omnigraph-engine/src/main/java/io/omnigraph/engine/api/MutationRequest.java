package io.omnigraph.engine.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * An ad-hoc mutation: {@code .gq} source, the query to run (optional when the source declares exactly one), JSON
 * parameters (an object keyed by parameter name, or empty), the target branch and the optional head precondition
 * ({@code --if-commit}, {@code Omnigraph-If-Graph-Commit}).
 */
public record MutationRequest(String source, String fileName, Optional<String> queryName, Optional<JsonNode> params,
                              String branch, Optional<String> ifCommit) {
    public MutationRequest {
        Objects.requireNonNull(source, "source");
        fileName = fileName == null ? "<inline>" : fileName;
        queryName = queryName == null ? Optional.empty() : queryName;
        params = params == null ? Optional.empty() : params;
        Objects.requireNonNull(branch, "branch");
        ifCommit = ifCommit == null ? Optional.empty() : ifCommit;
    }

    public static MutationRequest of(String source, String branch) {
        return new MutationRequest(source, "<inline>", Optional.empty(), Optional.empty(), branch, Optional.empty());
    }

    public MutationRequest named(String name) {
        return new MutationRequest(source, fileName, Optional.of(name), params, branch, ifCommit);
    }

    public MutationRequest withParams(JsonNode p) {
        return new MutationRequest(source, fileName, queryName, Optional.ofNullable(p), branch, ifCommit);
    }

    public MutationRequest ifCommit(String commitId) {
        return new MutationRequest(source, fileName, queryName, params, branch, Optional.of(commitId));
    }

    public MutationRequest inFile(String name) {
        return new MutationRequest(source, name, queryName, params, branch, ifCommit);
    }
}
