package io.omnigraph.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.engine.diff.ChangeBlock;
import io.omnigraph.engine.diff.ChangeCause;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.diff.EntityImage;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.merge.MergeJson;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Human and JSON rendering of merges and changes, and the structured error bodies of the history commands. */
final class HistoryOutput {
    private HistoryOutput() {
    }

    /**
     * Runs an engine call of a history command. Errors with structure (merge conflicts, feed gap, diff refusal,
     * resource limit) print their body as JSON on stdout when {@code json}; every error then exits like other commands
     * (stderr {@code error[code]: message}, exit 1).
     */
    static <T> T call(CliContext context, boolean json, Supplier<T> action) {
        try {
            return action.get();
        } catch (EngineException.MergeConflicts e) {
            if (json) {
                ObjectNode body = errorBody(context, e);
                body.set("merge_conflicts", MergeJson.conflicts(e.conflicts()));
                context.printJson(body);
            } else {
                PrintStream err = context.err();
                err.println("merge of '" + e.source() + "' into '" + e.target() + "': " + e.conflicts().size()
                        + " conflict(s); nothing was published");
                for (MergeConflict c : e.conflicts()) {
                    err.println("  " + c.kind().wire() + "  " + c.entityKind().text() + " " + c.typeName()
                            + c.entityId().map(id -> " '" + id + "'").orElse("") + ": " + c.message());
                }
            }
            throw new CliException(e.code().code(), e.conflicts().size() + " merge conflict(s): " + firstMessage(e));
        } catch (EngineException.ChangeFeedGap e) {
            if (json) {
                ObjectNode body = errorBody(context, e);
                ObjectNode gap = body.putObject("change_feed_gap");
                e.cursor().ifPresent(c -> gap.put("cursor", c));
                gap.put("first_unreadable_commit_id", e.firstUnreadableCommitId());
                context.printJson(body);
            }
            throw Engines.translate(e);
        } catch (EngineException.ChangeDiffRefused e) {
            if (json) {
                ObjectNode body = errorBody(context, e);
                ObjectNode r = body.putObject("change_diff_refusal");
                r.put("reason", e.reason().wire());
                r.put("graph_commit_id", e.commitId());
                e.typeName().ifPresent(t -> r.put("type_name", t));
                context.printJson(body);
            }
            throw Engines.translate(e);
        } catch (EngineException.ResourceLimit e) {
            if (json) {
                ObjectNode body = errorBody(context, e);
                body.putObject("resource_limit").put("resource", e.resource()).put("limit", e.limit()).put("actual", e.actual());
                context.printJson(body);
            }
            throw Engines.translate(e);
        } catch (EngineException e) {
            throw Engines.translate(e);
        }
    }

    private static String firstMessage(EngineException.MergeConflicts e) {
        return e.conflicts().isEmpty() ? e.getMessage() : e.conflicts().get(0).message()
                + (e.conflicts().size() > 1 ? " (and " + (e.conflicts().size() - 1) + " more)" : "");
    }

    private static ObjectNode errorBody(CliContext context, EngineException e) {
        ObjectNode body = context.json().createObjectNode();
        body.put("error", e.getMessage());
        body.put("code", e.code().code());
        return body;
    }

    static String cause(ChangeCause c) {
        return "commit " + c.graphCommitId() + "  " + Instant.ofEpochMilli(c.authoredAt() / 1000) + "  "
                + c.actorId().orElse("-") + "  on " + c.authoredBranch()
                + c.mergedParentCommitId().map(m -> "  (merge of " + m + ")").orElse("");
    }

    static void block(PrintStream out, ChangeBlock b) {
        out.println(cause(b.cause()));
        if (b.changes().isEmpty()) {
            out.println("  (no entity changes)");
        }
        b.changes().forEach(c -> out.println("  " + change(c)));
    }

    /** {@code + node Person Alice {…}}, {@code ~ node Person Eve age: 22 → 50}, {@code - edge Knows 01K… Alice -> Bob}. */
    static String change(EntityChange c) {
        String head = switch (c.op()) {
            case INSERT -> "+ ";
            case UPDATE -> "~ ";
            case DELETE -> "- ";
        } + c.kind().text() + " " + c.type().name() + " " + c.id();
        return switch (c.op()) {
            case INSERT -> head + "  " + image(c.after().orElseThrow());
            case DELETE -> head + "  " + image(c.before().orElseThrow());
            case UPDATE -> head + "  " + delta(c.before().orElseThrow(), c.after().orElseThrow());
        };
    }

    private static String image(EntityImage i) {
        StringBuilder sb = new StringBuilder();
        i.endpoints().ifPresent(e -> sb.append(e.from()).append(" -> ").append(e.to()).append(' '));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : i.properties().entrySet()) {
            if (e.getValue().isNull()) {
                continue;
            }
            sb.append(first ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
            first = false;
        }
        return sb.append('}').toString();
    }

    private static String delta(EntityImage before, EntityImage after) {
        StringBuilder sb = new StringBuilder();
        if (!before.endpoints().equals(after.endpoints())) {
            sb.append("endpoints: ").append(before.endpoints().map(e -> e.from() + " -> " + e.to()).orElse("-"))
                    .append(" → ").append(after.endpoints().map(e -> e.from() + " -> " + e.to()).orElse("-"));
        }
        for (Map.Entry<String, JsonNode> e : after.properties().entrySet()) {
            JsonNode old = before.properties().get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(": ")
                        .append(old == null ? "(absent)" : old).append(" → ").append(e.getValue());
            }
        }
        return sb.toString();
    }
}
