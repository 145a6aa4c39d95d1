package io.omnigraph.engine.format;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code commits/<id>.json}: an immutable node of the commit DAG. {@code parents} is empty for the genesis commit,
 * {@code [first]} normally and {@code [first, merged]} for a merge. {@code generation} = 1 + max generation of the
 * parents (genesis: 1). {@code version} is the <em>graph manifest version</em>: the commit's position on its first-parent
 * chain (genesis 1, each commit its first parent's + 1), shown as {@code graph_manifest_version}; unlike
 * {@code generation} it ignores merged parents. {@code createdAt} is in microseconds. {@code tables} maps table key → state and lists every
 * live table of the graph at this commit.
 */
public record Commit(int formatVersion, String id, List<String> parents, long generation, long version, String branch,
                     Optional<String> actor, long createdAt, String operation, String message, String schemaDigest,
                     Map<String, TableState> tables) {
    public Commit {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        Objects.requireNonNull(branch, "branch");
        actor = actor == null ? Optional.empty() : actor;
        Objects.requireNonNull(operation, "operation");
        message = message == null ? "" : message;
        Objects.requireNonNull(schemaDigest, "schema_digest");
        tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
        if (version < 1) {
            throw new IllegalArgumentException("a commit's version starts at 1, got " + version);
        }
        if (parents.size() > 2) {
            throw new IllegalArgumentException("a commit has at most two parents");
        }
    }

    public Optional<String> firstParent() {
        return parents.isEmpty() ? Optional.empty() : Optional.of(parents.get(0));
    }

    public Optional<String> mergedParent() {
        return parents.size() < 2 ? Optional.empty() : Optional.of(parents.get(1));
    }

    public Optional<TableState> table(String tableKey) {
        return Optional.ofNullable(tables.get(tableKey));
    }
}
