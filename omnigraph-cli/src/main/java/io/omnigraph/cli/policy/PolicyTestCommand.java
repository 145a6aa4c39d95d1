package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.testing.PolicyTestFile;
import io.omnigraph.policy.testing.PolicyTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code omnigraph policy test --tests T.yaml FILE}: run a decision table against the bundle. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a table of requests and expected decisions (YAML) against a policy bundle.")
public final class PolicyTestCommand extends BundleCommand {
    @Option(names = "--tests", required = true, paramLabel = "T.yaml",
            description = "Test file: {version: 1, cases: [{id, actor, action, branch?, target_branch?, query?, "
                    + "expect: allow|deny}]}.")
    Path tests;

    public PolicyTestCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() {
        PolicyTestFile file;
        byte[] bytes = FileBundleSource.read(tests, "policy test file", "policy_tests", "a policy test YAML file");
        try {
            file = PolicyTestFile.parse(new String(bytes, StandardCharsets.UTF_8), tests.getFileName().toString());
        } catch (PolicyValidationException e) {
            throw new InvalidBundleException("policy test file '" + tests + "'", e);
        }
        Target t = target();
        PolicyTestRunner.Report report = PolicyTestRunner.run(t.gate(), file);
        List<PolicyTestRunner.CaseResult> failures = report.failures();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", failures.isEmpty());
            out.put("cases", report.results().size());
            out.put("passed", report.results().size() - failures.size());
            out.put("failed", failures.size());
            out.put("results", report.results().stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.testCase().id());
                m.put("expected", r.testCase().expectAllow() ? "allow" : "deny");
                m.put("actual", r.actual().verdict());
                m.put("passed", r.passed());
                r.actual().matchedRuleId().ifPresent(id -> m.put("matched_rule", id));
                m.put("message", r.actual().message());
                return m;
            }).toList());
            context.printJson(out);
            return failures.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
        }
        if (failures.isEmpty()) {
            context.out().println("policy tests passed: " + report.results().size() + " cases");
            return ExitCodes.OK;
        }
        failures.forEach(f -> context.out().println(f.failureLine()));
        throw new CliException("policy_tests_failed", failures.size() + " of " + report.results().size()
                + " policy test cases failed");
    }
}
