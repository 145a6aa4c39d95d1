package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Human renderings of the data commands, from the wire shapes of openapi.json — the one renderer of the embedded and
 * the served lane (so their output is byte-identical for the same data).
 */
public final class Render {
    private Render() {
    }

    /**
     * The read envelope of languages.md §4 from a {@code ReadOutput}: {@code target} always carries both
     * {@code branch} and {@code snapshot} (null when absent), whichever lane produced it.
     */
    public static JsonNode envelope(JsonNode read) {
        if (!read.isObject() || !read.path("target").isObject()) {
            return read;
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = read.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode t = o.putObject("target");
        t.set("branch", read.path("target").path("branch").isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : read.path("target").path("branch"));
        t.set("snapshot", read.path("target").path("snapshot").isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : read.path("target").path("snapshot"));
        return o;
    }

    /** {@code ChangeOutput} (mutate, stored mutations). */
    public static void change(PrintStream out, JsonNode r) {
        String head = "mutation " + r.path("query_name").asText() + " on " + r.path("branch").asText() + ": ";
        JsonNode c = r.path("commit");
        if (c.isObject()) {
            out.println(head + r.path("affected_nodes").asLong() + " node(s), " + r.path("affected_edges").asLong()
                    + " edge(s) affected");
            out.println("  commit " + c.path("graph_commit_id").asText() + " (graph manifest version "
                    + c.path("graph_manifest_version").asLong() + ")");
        } else {
            out.println(head + "nothing matched; no commit");
        }
    }

    /** {@code IngestOutput}. */
    public static void load(PrintStream out, JsonNode r) {
        out.println("loaded " + r.path("total_entities").asLong() + " entities into " + r.path("branch").asText() + " ("
                + r.path("mode").asText() + (r.path("branch_created").asBoolean() ? ", branch created from "
                + r.path("base_branch").asText("?") : "") + ")");
        out.println("  nodes: " + counts(r.path("nodes")));
        out.println("  edges: " + counts(r.path("edges")));
        JsonNode c = r.path("commit");
        if (c.isObject()) {
            out.println("  commit " + c.path("graph_commit_id").asText() + " (graph manifest version "
                    + c.path("graph_manifest_version").asLong() + ")");
        }
    }

    private static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach(c -> parts.add(c.path("name").asText() + " " + c.path("entities_loaded").asLong()));
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    /** One {@code CommitOutput} on one line: id, version, time, actor, operation, branch, parents, message. */
    public static String commitLine(JsonNode c) {
        String parent = c.path("parent_commit_id").asText("");
        String merged = c.path("merged_parent_commit_id").asText("");
        return c.path("graph_commit_id").asText() + "  v" + c.path("graph_manifest_version").asLong() + "  "
                + time(c.path("created_at").asLong()) + "  " + c.path("actor_id").asText("-")
                + (c.hasNonNull("operation") ? "  " + c.path("operation").asText() : "")
                + (c.hasNonNull("graph_branch") ? "  on " + c.path("graph_branch").asText() : "")
                + (parent.isEmpty() ? "  (root)" : "  (parent " + parent + (merged.isEmpty() ? "" : ", merged " + merged) + ")")
                + (c.hasNonNull("message") ? "  — " + oneLine(c.path("message").asText()) : "");
    }

    private static String oneLine(String s) {
        String first = s.strip().lines().findFirst().orElse("");
        return s.strip().contains("\n") ? first + " …" : first;
    }

    /** {@code CommitOutput} as a block. */
    public static void commit(PrintStream out, JsonNode c) {
        out.println("commit " + c.path("graph_commit_id").asText());
        out.println("  branch:   " + c.path("graph_branch").asText("(unknown)"));
        out.println("  version:  " + c.path("graph_manifest_version").asLong());
        out.println("  parents:  " + c.path("parent_commit_id").asText("(none)")
                + (c.hasNonNull("merged_parent_commit_id") ? ", merged " + c.path("merged_parent_commit_id").asText() : ""));
        out.println("  actor:    " + c.path("actor_id").asText("(none)"));
        out.println("  time:     " + time(c.path("created_at").asLong()));
        if (c.hasNonNull("operation")) {
            out.println("  operation: " + c.path("operation").asText());
        }
        if (c.hasNonNull("message")) {
            out.println("  message:  " + c.path("message").asText().strip().replace("\n", "\n            "));
        }
    }

    /** Epoch microseconds as an ISO instant (millisecond precision). */
    public static String time(long micros) {
        return Instant.ofEpochMilli(micros / 1000).toString();
    }
}
