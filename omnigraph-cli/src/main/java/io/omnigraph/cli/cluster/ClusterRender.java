package io.omnigraph.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Human rendering of every cluster command, from the command's JSON document (spec §3 formats). All cluster text
 * output lives here, so restyling (colours, {@code + ~ -} markers) is a change to this one class.
 */
public final class ClusterRender {
    private ClusterRender() {
    }

    public static List<String> render(String command, JsonNode j) {
        return render(command, j, false);
    }

    private static final String RESET = "\u001b[0m";

    /** Terraform-style marker of a plan change: {@code +} create, {@code ~} update, {@code -} delete. */
    static String marker(String operation, boolean colour) {
        String m = switch (operation) {
            case "create" -> "+";
            case "delete" -> "-";
            case "replace" -> "-/+";
            default -> "~";
        };
        if (!colour) {
            return m;
        }
        String c = switch (operation) {
            case "create" -> "\u001b[32m";
            case "delete" -> "\u001b[31m";
            case "replace" -> "\u001b[35m";
            default -> "\u001b[33m";
        };
        return c + m + RESET;
    }

    /**
     * @param colour ANSI colours on the plan markers (stdout is a terminal and {@code NO_COLOR} is unset)
     */
    public static List<String> render(String command, JsonNode j, boolean colour) {
        List<String> out = new ArrayList<>();
        switch (command) {
            case "validate" -> {
                if (j.path("ok").asBoolean()) {
                    out.add("cluster config valid: " + j.path("resources").size() + " resource(s), "
                            + j.path("dependencies").size() + " dependency edge(s)");
                } else {
                    out.add("cluster config invalid");
                }
            }
            case "plan" -> {
                int gates = j.path("approvals_required").size();
                out.add("cluster plan: " + j.path("changes").size() + " change(s), " + gates + " approval gate(s)");
                for (JsonNode c : j.path("changes")) {
                    out.add("  " + marker(c.path("operation").asText(), colour) + " " + changeLine(c, false));
                    JsonNode m = c.path("migration");
                    if (m.isObject()) {
                        if (!m.path("supported").asBoolean()) {
                            out.add("      migration UNSUPPORTED:");
                        }
                        m.path("steps").forEach(s -> out.add("      " + s.toString()));
                    }
                }
                if (j.path("changes").isEmpty() && j.path("ok").asBoolean()) {
                    out.add("  no changes (converged)");
                } else if (!j.path("changes").isEmpty()) {
                    long[] n = new long[3];
                    j.path("changes").forEach(c -> {
                        switch (c.path("operation").asText()) {
                            case "create" -> n[0]++;
                            case "delete" -> n[2]++;
                            default -> n[1]++;
                        }
                    });
                    out.add("  plan: " + n[0] + " to create, " + n[1] + " to change, " + n[2] + " to delete");
                }
            }
            case "apply" -> {
                boolean ok = j.path("ok").asBoolean();
                if (!ok) {
                    out.add("cluster apply failed");
                } else if (j.path("changes").isEmpty()) {
                    out.add("cluster apply: nothing to do — converged (state revision "
                            + j.path("state_observations").path("state_revision").asLong() + ")");
                } else {
                    out.add("cluster apply: " + j.path("applied_count").asLong() + " applied, "
                            + j.path("deferred_count").asLong() + " deferred/blocked");
                }
                j.path("changes").forEach(c -> out.add("  " + changeLine(c, true)));
                if (ok && !j.path("changes").isEmpty()) {
                    out.add("  state: revision " + j.path("state_observations").path("state_revision").asLong()
                            + ", converged: " + j.path("converged").asBoolean() + ", written: " + j.path("state_written").asBoolean());
                    out.add("  note: cluster-booted servers (--cluster) serve this on their next restart");
                }
            }
            case "status" -> {
                JsonNode o = j.path("state_observations");
                if (o.path("state_found").asBoolean()) {
                    out.add("cluster state: revision " + o.path("state_revision").asLong() + ", " + o.path("resource_count").asLong()
                            + " resource(s)");
                    if (o.has("applied_config_digest")) {
                        out.add("  applied config: " + o.path("applied_config_digest").asText());
                    }
                } else {
                    out.add("cluster state missing");
                }
                out.add("  " + lockLine(o));
                j.path("resource_statuses").properties().forEach(e -> out.add("  " + e.getKey() + ": "
                        + e.getValue().path("status").asText() + conditions(e.getValue())));
            }
            case "refresh", "import" -> {
                JsonNode o = j.path("state_observations");
                if (command.equals("import") && j.path("state_already_exists").asBoolean()) {
                    out.add("cluster import: a state ledger already exists (revision " + o.path("state_revision").asLong()
                            + "); nothing imported");
                } else if (!j.path("ok").asBoolean()) {
                    out.add("cluster " + command + " failed");
                } else {
                    out.add("cluster " + command + ": revision " + o.path("state_revision").asLong() + ", "
                            + o.path("resource_count").asLong() + " resource(s)");
                    if (o.has("state_cas")) {
                        out.add("  state_cas: " + o.path("state_cas").asText());
                    }
                }
                out.add("  " + (o.path("lock_acquired").asBoolean() ? "lock: acquired and released (id="
                        + o.path("acquired_lock_id").asText() + ")" : lockLine(o)));
                j.path("resource_statuses").properties().forEach(e -> out.add("  " + e.getKey() + ": "
                        + e.getValue().path("status").asText() + conditions(e.getValue())));
            }
            case "approve" -> {
                if (j.path("ok").asBoolean()) {
                    out.add("cluster approve: " + j.path("operation").asText() + " " + j.path("resource").asText()
                            + " approved by " + j.path("approved_by").asText() + " (approval " + j.path("approval_id").asText() + ")");
                } else {
                    out.add("cluster approve failed");
                }
            }
            case "force-unlock" -> {
                if (j.path("lock_removed").asBoolean()) {
                    JsonNode l = j.path("removed_lock");
                    out.add("cluster force-unlock: removed lock (id=" + l.path("lock_id").asText() + ", operation="
                            + l.path("operation").asText() + ", pid=" + l.path("pid").asLong() + ", created_at="
                            + l.path("created_at").asText() + ")");
                } else {
                    out.add("cluster force-unlock: no lock removed");
                }
            }
            default -> out.add(j.toPrettyString());
        }
        for (JsonNode d : j.path("diagnostics")) {
            String label = d.path("severity").asText().equals("error") ? "ERROR" : "WARN ";
            out.add(label + " " + d.path("code").asText() + " " + d.path("path").asText() + ": " + d.path("message").asText());
        }
        return out;
    }

    private static String changeLine(JsonNode c, boolean withDisposition) {
        String op = c.path("operation").asText();
        String label = Character.toUpperCase(op.charAt(0)) + op.substring(1);
        StringBuilder sb = new StringBuilder(label).append(' ').append(c.path("resource").asText());
        if (c.path("binding_change").asBoolean()) {
            sb.append(" [bindings]");
        } else if (c.has("metadata_change")) {
            sb.append(" [").append(c.path("metadata_change").asText().replace('_', ' ')).append(']');
        }
        if (withDisposition && c.has("disposition")) {
            String d = c.path("disposition").asText();
            sb.append(" [").append(Character.toUpperCase(d.charAt(0))).append(d.substring(1));
            if (c.has("reason")) {
                sb.append(": ").append(c.path("reason").asText());
            }
            sb.append(']');
        }
        return sb.toString();
    }

    private static String lockLine(JsonNode o) {
        if (!o.path("locked").asBoolean()) {
            return "lock: not held";
        }
        StringBuilder sb = new StringBuilder("lock: held (id=").append(o.path("lock_id").asText())
                .append(", operation=").append(o.path("lock_operation").asText())
                .append(", pid=").append(o.path("lock_pid").asLong())
                .append(", created_at=").append(o.path("lock_created_at").asText());
        if (o.has("lock_age_seconds")) {
            sb.append(", age_seconds=").append(o.path("lock_age_seconds").asLong());
        }
        if (o.has("lock_holder")) {
            sb.append(", holder=").append(o.path("lock_holder").asText());
        }
        if (o.has("lock_expires_at")) {
            sb.append(", expires_at=").append(o.path("lock_expires_at").asText());
            if (o.path("lock_expired").asBoolean()) {
                sb.append(" (expired: the next command takes it over)");
            }
        } else {
            sb.append(", no lease: only force-unlock removes it");
        }
        return sb.append(')').toString();
    }

    private static String conditions(JsonNode status) {
        if (!status.has("conditions")) {
            return "";
        }
        List<String> c = new ArrayList<>();
        status.path("conditions").forEach(x -> c.add(x.asText()));
        return " (" + String.join(", ", c) + ")";
    }
}
