package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code omnigraph policy …}: validate a bundle, run a decision table against it, explain one decision. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Check Cedar policy bundles: validate, test against a decision table, explain one decision.",
        subcommands = {PolicyValidateCommand.class, PolicyTestCommand.class, PolicyExplainCommand.class},
        footer = {"", "Bundle format, actions and postures: docs/policy.md."})
public final class PolicyCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public PolicyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }
}
