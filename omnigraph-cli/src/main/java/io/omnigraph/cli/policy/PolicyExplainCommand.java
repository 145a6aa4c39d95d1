package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.gate.GatePosture;
import io.omnigraph.policy.gate.GateScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code omnigraph policy explain --actor A --action X [...] FILE}: one decision, with the rule that made it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one authorization decision: verdict, matched rule and message.")
public final class PolicyExplainCommand extends BundleCommand {
    @Option(names = "--actor", required = true, paramLabel = "A", description = "Actor id.")
    String actor;

    @Option(names = "--action", required = true, paramLabel = "X",
            description = "Action: read, export, change, schema_apply, branch_create, branch_delete, branch_merge, "
                    + "admin, invoke_query, graph_list.")
    String action;

    @Option(names = "--branch", paramLabel = "B", description = "Branch read or written (source of a merge).")
    String branch;

    @Option(names = "--target-branch", paramLabel = "T", description = "Branch created, deleted, merged into.")
    String targetBranch;

    @Option(names = "--query", paramLabel = "Q", description = "Stored query name (invoke_query).")
    String query;

    public PolicyExplainCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() {
        Action a = Action.fromWireName(action).orElseThrow(() -> new CliException("policy_unknown_action",
                "unknown action '" + action + "' for --action; known actions: "
                        + String.join(", ", Action.wireNames()), ExitCodes.USAGE));
        if (actor.isBlank()) {
            throw new CliException("policy_blank_actor", "--actor must not be blank", ExitCodes.USAGE);
        }
        Target t = target();
        GateScope scope = new GateScope(Optional.ofNullable(branch), Optional.ofNullable(targetBranch),
                Optional.ofNullable(query));
        Decision d = t.gate().check(Optional.of(Actor.of(actor)), a, scope);
        GatePosture posture = t.gate().posture();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("decision", d.verdict());
            out.put("actor", actor);
            out.put("action", a.wireName());
            Optional.ofNullable(branch).ifPresent(b -> out.put("branch", b));
            Optional.ofNullable(targetBranch).ifPresent(b -> out.put("target_branch", b));
            Optional.ofNullable(query).ifPresent(q -> out.put("query", q));
            d.matchedRuleId().ifPresent(r -> out.put("matched_rule", r));
            out.put("message", d.message());
            out.put("basis", d.basis().code());
            out.put("graph", t.selected().graphId());
            t.selected().bundle().ifPresent(b -> out.put("bundle", b.name()));
            out.put("posture", posture.kind().code());
            out.put("posture_description", posture.render());
            context.printJson(out);
            return ExitCodes.OK;
        }
        PrintStream o = context.out();
        o.println("decision: " + d.verdict());
        o.println("actor: " + actor);
        o.println("action: " + a.wireName());
        Optional.ofNullable(branch).ifPresent(b -> o.println("branch: " + b));
        Optional.ofNullable(targetBranch).ifPresent(b -> o.println("target_branch: " + b));
        Optional.ofNullable(query).ifPresent(q -> o.println("query: " + q));
        d.matchedRuleId().ifPresent(r -> o.println("matched_rule: " + r));
        o.println("message: " + d.message());
        if (posture.kind() != GatePosture.Kind.POLICY) {
            o.println("posture: " + posture.render());
        }
        return ExitCodes.OK;
    }
}
