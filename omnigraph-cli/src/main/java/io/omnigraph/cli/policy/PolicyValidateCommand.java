package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.cedar.PolicyEngine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code omnigraph policy validate FILE}: strict parse + kind alignment + compile + Cedar schema validation. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a policy bundle: strict YAML, semantic rules, kind alignment, Cedar compilation.")
public final class PolicyValidateCommand extends BundleCommand {
    public PolicyValidateCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() {
        Target t = target();
        if (t.selected().bundle().isEmpty()) {
            // a cluster source may select a graph with no bundle bound: nothing to validate, say so loudly
            String posture = t.gate().posture().render();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", true);
                out.put("bundle", null);
                out.put("posture", posture);
                context.printJson(out);
            } else {
                context.out().println("no policy bundle: " + posture);
            }
            return 0;
        }
        PolicyBundle b = t.selected().bundle().get();
        PolicyEngine e = t.engine().orElseThrow();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", true);
            out.put("bundle", b.name());
            out.put("source", t.selected().origin());
            t.selected().fileSha256().ifPresent(s -> out.put("file_sha256", s));
            out.put("kind", t.kind().wireName());
            if (t.kind() == BundleKind.GRAPH) {
                out.put("graph", t.selected().graphId());
            }
            out.put("actors", b.actors().size());
            out.put("actor_ids", b.actors());
            out.put("groups", b.groups());
            out.put("protected_branches", b.protectedBranches());
            out.put("rules", b.rules().size());
            out.put("policies", e.compiled().policies().keySet());
            out.put("digest", e.digest());
            context.printJson(out);
        } else {
            context.out().println("policy valid: bundle '" + b.name() + "' [" + b.actors().size() + " actors]");
            context.out().println("  " + t.kind().wireName() + " bundle"
                    + (t.kind() == BundleKind.GRAPH ? " compiled for graph '" + t.selected().graphId() + "'" : "")
                    + ", " + b.rules().size() + " rules, " + e.compiled().policies().size() + " Cedar policies, "
                    + "digest " + e.digest());
        }
        return 0;
    }
}
