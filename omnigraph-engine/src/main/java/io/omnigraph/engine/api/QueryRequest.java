package io.omnigraph.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.snapshot.ReadTarget;

import java.util.Objects;
import java.util.Optional;

/**
 * An ad-hoc read query: {@code .gq} source, the query to run (optional when the source declares exactly one), JSON
 * parameters (an object keyed by parameter name, or empty), what to read (a branch head or a commit — time travel)
 * and execution options (index mode, {@code now()}, search ranker, row limit).
 */
public record QueryRequest(String source, String fileName, Optional<String> queryName, Optional<JsonNode> params,
                           ReadTarget target, ExecOptions options) {
    public QueryRequest {
        Objects.requireNonNull(source, "source");
        fileName = fileName == null ? "<inline>" : fileName;
        queryName = queryName == null ? Optional.empty() : queryName;
        params = params == null ? Optional.empty() : params;
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
    }

    /** The only (or named later) query of {@code source}, on {@code main}, default options. */
    public static QueryRequest of(String source) {
        return new QueryRequest(source, "<inline>", Optional.empty(), Optional.empty(), ReadTarget.branch("main"),
                ExecOptions.defaults());
    }

    public QueryRequest named(String name) {
        return new QueryRequest(source, fileName, Optional.of(name), params, target, options);
    }

    public QueryRequest withParams(JsonNode p) {
        return new QueryRequest(source, fileName, queryName, Optional.ofNullable(p), target, options);
    }

    public QueryRequest at(ReadTarget t) {
        return new QueryRequest(source, fileName, queryName, params, t, options);
    }

    public QueryRequest onBranch(String branch) {
        return at(ReadTarget.branch(branch));
    }

    public QueryRequest inFile(String name) {
        return new QueryRequest(source, name, queryName, params, target, options);
    }

    public QueryRequest withOptions(ExecOptions o) {
        return new QueryRequest(source, fileName, queryName, params, target, o);
    }
}
