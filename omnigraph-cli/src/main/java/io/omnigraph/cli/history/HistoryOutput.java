package io.omnigraph.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.merge.MergeJson;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Human and JSON rendering of merges and changes, and the structured error bodies of the history commands. */
public final class HistoryOutput {
    private HistoryOutput() {
    }

    /**
     * Runs an engine call of a history command. Errors with structure (merge conflicts, feed gap, diff refusal,
     * resource limit) print their body as JSON on stdout when {@code json}; every error then exits like other commands
     * (stderr {@code error[code]: message}, exit 1).
     */
    public static <T> T call(CliContext context, boolean json, Supplier<T> action) {
        try {
            return action.get();
        } catch (java.io.UncheckedIOException e) {
            throw new CliException("io_error", e.getMessage());
        } catch (EngineException.Compile e) {
            throw Engines.compileFailure(context, e, json);
        } catch (EngineException.PreconditionFailed e) {
            if (json) {
                ObjectNode body = context.json().createObjectNode();
                body.put("error", e.getMessage());
                ObjectNode pf = body.putObject("precondition_failure");
                pf.put("expected", e.expected());
                pf.put("actual", e.actual().orElse(null));
                context.printJson(body);
            }
            throw new CliException("precondition_failure", e.getMessage(), io.omnigraph.cli.support.ExitCodes.PRECONDITION_FAILED);
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

    static String cause(JsonNode c) {
        return "commit " + c.path("graph_commit_id").asText() + "  "
                + Instant.ofEpochMilli(c.path("authored_at").asLong() / 1000) + "  " + c.path("actor_id").asText("-")
                + "  on " + c.path("authored_branch").asText()
                + (c.hasNonNull("merged_parent_commit_id") ? "  (merge of " + c.path("merged_parent_commit_id").asText() + ")" : "");
    }

    /** One commit's changes ({@code ChangeCauseOutput} + {@code EntityChangeOutput}s). */
    static void block(PrintStream out, JsonNode cause, JsonNode changes) {
        out.println(cause(cause));
        if (changes.isEmpty()) {
            out.println("  (no entity changes)");
        }
        changes.forEach(c -> out.println("  " + change(c)));
    }

    /** {@code + node Person Alice {…}}, {@code ~ node Person Eve age: 22 → 50}, {@code - edge Knows 01K… Alice -> Bob}. */
    static String change(JsonNode c) {
        String op = c.path("op").asText();
        String head = switch (op) {
            case "insert" -> "+ ";
            case "update" -> "~ ";
            default -> "- ";
        } + c.path("kind").asText() + " " + c.path("type").path("name").asText() + " " + c.path("id").asText();
        return switch (op) {
            case "insert" -> head + "  " + image(c.path("after"));
            case "update" -> head + "  " + delta(c.path("before"), c.path("after"));
            default -> head + "  " + image(c.path("before"));
        };
    }

    private static String endpoints(JsonNode i) {
        JsonNode e = i.path("endpoints");
        return e.isObject() ? e.path("from").asText() + " -> " + e.path("to").asText() : "-";
    }

    private static String image(JsonNode i) {
        StringBuilder sb = new StringBuilder();
        if (i.path("endpoints").isObject()) {
            sb.append(endpoints(i)).append(' ');
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : i.path("properties").properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            sb.append(first ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
            first = false;
        }
        return sb.append('}').toString();
    }

    private static String delta(JsonNode before, JsonNode after) {
        StringBuilder sb = new StringBuilder();
        if (!before.path("endpoints").equals(after.path("endpoints"))) {
            sb.append("endpoints: ").append(endpoints(before)).append(" → ").append(endpoints(after));
        }
        for (Map.Entry<String, JsonNode> e : after.path("properties").properties()) {
            JsonNode old = before.path("properties").get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(": ")
                        .append(old == null ? "(absent)" : old).append(" → ").append(e.getValue());
            }
        }
        return sb.toString();
    }
}
