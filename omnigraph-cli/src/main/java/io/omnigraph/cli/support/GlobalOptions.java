package io.omnigraph.cli.support;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Makes the global flags of cluster-server.md §6.1 acceptable before or after the subcommand: every command that does
 * not declare one of them gets a hidden option recording it into {@link GlobalFlags}; before a command runs, flags
 * given at an outer level are handed to the command's own option of the same name (so {@code omnigraph --json
 * cluster status} equals {@code omnigraph cluster status --json}), and the addressing guard ({@link Addressing})
 * refuses flags the verb cannot consume.
 */
public final class GlobalOptions {
    private GlobalOptions() {
    }

    public static void install(CommandLine root, CliContext context) {
        Set<OptionSpec> added = Collections.newSetFromMap(new IdentityHashMap<>());
        addTo(root, context, added, true);
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        root.setExecutionStrategy(parseResult -> execute(parseResult, context, added, run));
    }

    private static void addTo(CommandLine cl, CliContext context, Set<OptionSpec> added, boolean isRoot) {
        CommandSpec spec = cl.getCommandSpec();
        for (String name : GlobalFlags.VALUED) {
            if (spec.findOption(name) == null) {
                OptionSpec o = OptionSpec.builder(name).type(String.class).paramLabel(label(name)).hidden(!isRoot)
                        .description(describe(name))
                        .setter(new Recorder(context.flags(), name)).build();
                spec.addOption(o);
                added.add(o);
            }
        }
        for (String name : GlobalFlags.SWITCHES) {
            if (spec.findOption(name) == null) {
                OptionSpec o = OptionSpec.builder(name).type(boolean.class).arity("0").hidden(!isRoot)
                        .description(describe(name))
                        .setter(new Recorder(context.flags(), name)).build();
                spec.addOption(o);
                added.add(o);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == spec) {
                addTo(sub, context, added, false);
            }
        }
    }

    private static String label(String name) {
        return switch (name) {
            case "--as" -> "ACTOR";
            case "--store" -> "URI";
            case "--server" -> "NAME|URL";
            case "--graph" -> "ID";
            case "--cluster" -> "DIR|URI|NAME";
            default -> "NAME";
        };
    }

    private static String describe(String name) {
        return switch (name) {
            case "--as" -> "Actor for direct writes and cluster apply/approve (default: operator.actor).";
            case "--store" -> "One graph's storage (path, file://, s3://).";
            case "--server" -> "A served graph: an operator `servers:` name or a URL.";
            case "--graph" -> "Graph id inside a server or cluster scope.";
            case "--cluster" -> "A cluster (config dir, storage-root URI or `clusters:` name) for optimize/repair/cleanup/lint/policy.";
            case "--profile" -> "A named scope from the operator config (default: $OMNIGRAPH_PROFILE).";
            case "--yes" -> "Consent to destructive writes against non-local targets.";
            case "--quiet" -> "Do not echo the write target on stderr.";
            default -> "Print JSON.";
        };
    }

    private static int execute(ParseResult parseResult, CliContext context, Set<OptionSpec> added,
                               CommandLine.IExecutionStrategy run) {
        List<ParseResult> levels = new ArrayList<>();
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            levels.add(p);
        }
        ParseResult leaf = levels.getLast();
        List<String> given = new ArrayList<>();
        for (ParseResult level : levels) {
            for (OptionSpec o : level.matchedOptions()) {
                String n = o.longestName();
                if (GlobalFlags.VALUED.contains(n) || GlobalFlags.SWITCHES.contains(n)) {
                    given.add(n);
                    Object v = added.contains(o) ? context.flags().given().get(n) : o.getValue();
                    if (!added.contains(o)) {
                        context.flags().set(n, v);
                    }
                    if (level != leaf) {
                        OptionSpec own = leaf.commandSpec().findOption(n);
                        if (own != null && !added.contains(own)) {
                            own.setValue(v);
                        }
                    }
                }
            }
        }
        for (CommandSpec mixin : leaf.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof ContextAware aware) {
                aware.bind(context);
            }
        }
        String qualified = leaf.commandSpec().qualifiedName(" ");
        String root = parseResult.commandSpec().name();
        String verb = qualified.equals(root) ? "" : qualified.substring(root.length() + 1);
        boolean help = leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested();
        if (!verb.isEmpty() && !help) {
            var refusal = Addressing.refusal(verb, given);
            if (refusal.isPresent()) {
                context.err().println("error[invalid_scope]: " + refusal.get());
                return ExitCodes.USAGE;
            }
        }
        return run.execute(parseResult);
    }

    /** A mixin that needs the run's {@link CliContext} (its global flags, environment, streams). */
    public interface ContextAware {
        void bind(CliContext context);
    }

    /** Records a hidden global option's value into {@link GlobalFlags}. */
    private record Recorder(GlobalFlags flags, String name) implements CommandLine.Model.ISetter {
        @Override
        public <T> T set(T value) {
            if (value instanceof String || Boolean.TRUE.equals(value)) {
                flags.set(name, value);
            }
            return null;
        }
    }
}
