package io.omnigraph.cli.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.Suggest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph profile list|show [NAME] [--json]}: the named scopes of the operator config (spec §7). */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Inspect the operator config's profiles.",
        subcommands = {ProfileCommand.ListCommand.class, ProfileCommand.ShowCommand.class})
public final class ProfileCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ProfileCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    /** The binding of a profile: exactly one of server/cluster/store. */
    record Binding(String kind, String target, Optional<String> error) {
        String text() {
            return error.map(e -> "invalid: " + e).orElse(kind + ": " + target);
        }
    }

    static Binding binding(OperatorConfig.Profile p) {
        int n = (p.server().isPresent() ? 1 : 0) + (p.cluster().isPresent() ? 1 : 0) + (p.store().isPresent() ? 1 : 0);
        if (n != 1) {
            return new Binding("none", "", Optional.of("must bind exactly one of server, cluster or store (found " + n + ")"));
        }
        if (p.server().isPresent()) {
            return new Binding("server", p.server().get(), Optional.empty());
        }
        if (p.cluster().isPresent()) {
            return new Binding("cluster", p.cluster().get(), Optional.empty());
        }
        return new Binding("store", p.store().get(), Optional.empty());
    }

    static Optional<String> active(CliContext context) {
        return context.flags().profile().or(() -> Optional.ofNullable(context.env().get("OMNIGRAPH_PROFILE"))
                .filter(s -> !s.isBlank()));
    }

    /** {@code profile list [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List profiles with their binding.")
    public static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--json", description = "Print {profiles: [...]} as JSON.")
        boolean json;

        public ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            OperatorConfig config = OperatorConfig.load(context.env());
            config.warnings().forEach(w -> context.err().println("warning: " + w));
            Optional<String> active = active(context);
            ObjectNode root = context.json().createObjectNode();
            ArrayNode list = root.putArray("profiles");
            for (OperatorConfig.Profile p : config.profiles().values()) {
                Binding b = binding(p);
                ObjectNode o = list.addObject();
                o.put("name", p.name());
                o.put("binding", b.text());
                o.put("scope_kind", b.kind());
                o.put("target", b.target());
                o.put("valid", b.error().isEmpty());
                o.put("error", b.error().orElse(null));
                o.put("default_graph", p.defaultGraph().orElse(null));
                o.put("active", active.map(p.name()::equals).orElse(false));
            }
            if (json || context.flags().json()) {
                context.printJson(root);
            } else if (list.isEmpty()) {
                context.out().println("no profiles in " + config.file());
            } else {
                list.forEach(o -> context.out().println((o.path("active").asBoolean() ? "* " : "  ") + o.path("name").asText()
                        + "\t" + o.path("binding").asText()
                        + (o.hasNonNull("default_graph") ? "\tdefault_graph: " + o.path("default_graph").asText() : "")));
            }
            return 0;
        }
    }

    /** {@code profile show [NAME] [--json]}: NAME, else the active profile, else the flat defaults. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a profile (default: the active one, else the flat `defaults`).")
    public static final class ShowCommand implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The profile.")
        String name;

        @Option(names = "--json", description = "Print {name, scope_kind, target, endpoint, default_graph, output_format}.")
        boolean json;

        public ShowCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            OperatorConfig config = OperatorConfig.load(context.env());
            config.warnings().forEach(w -> context.err().println("warning: " + w));
            Optional<String> chosen = Optional.ofNullable(name).or(() -> active(context));
            OperatorConfig.Profile p;
            if (chosen.isPresent()) {
                p = config.profiles().get(chosen.get());
                if (p == null) {
                    throw new CliException("unknown_profile", "unknown profile '" + chosen.get() + "' — profiles defined in "
                            + config.file() + ": " + config.profiles().keySet()
                            + Suggest.clause(chosen.get(), config.profiles().keySet()));
                }
            } else {
                p = config.defaults();
            }
            Binding b;
            if (chosen.isEmpty()) {
                b = p.server().map(s -> new Binding("server", s, Optional.<String>empty()))
                        .or(() -> p.store().map(s -> new Binding("store", s, Optional.empty())))
                        .orElse(new Binding("none", "", Optional.empty()));
            } else {
                b = binding(p);
            }
            String endpoint = switch (b.kind()) {
                case "server" -> config.servers().getOrDefault(b.target(), b.target());
                case "cluster" -> config.clusters().getOrDefault(b.target(), b.target());
                default -> b.target();
            };
            ObjectNode o = context.json().createObjectNode();
            o.put("name", p.name());
            o.put("scope_kind", b.kind());
            o.put("target", b.target());
            o.put("endpoint", endpoint);
            o.put("default_graph", p.defaultGraph().or(() -> config.defaults().defaultGraph()).orElse(null));
            o.put("output_format", config.defaultOutput().orElse("table"));
            b.error().ifPresent(e -> o.put("error", e));
            if (json || context.flags().json()) {
                context.printJson(o);
            } else {
                context.out().println("profile " + p.name());
                context.out().println("  scope:         " + (b.kind().equals("none") ? "(none)" : b.kind() + " " + b.target()));
                context.out().println("  endpoint:      " + (endpoint.isEmpty() ? "(none)" : endpoint));
                context.out().println("  default graph: " + o.path("default_graph").asText("(none)"));
                context.out().println("  output:        " + o.path("output_format").asText());
                b.error().ifPresent(e -> context.out().println("  invalid:       " + e));
            }
            return 0;
        }
    }
}
