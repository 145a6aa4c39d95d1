package io.omnigraph.cli.support;

import io.omnigraph.cli.config.OperatorConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scope resolution of cluster-server.md §6.3 for {@code any} and {@code direct} verbs: positional URI / {@code --store}
 * / {@code --server} / {@code --cluster} (at most one), else {@code --profile} / {@code $OMNIGRAPH_PROFILE}, else the
 * operator config's {@code defaults.server}, then {@code defaults.store}; then the binding × capability rules.
 */
public final class Scopes {
    private Scopes() {
    }

    /** What a command line addresses. */
    public sealed interface Binding {
        /** One graph's storage. */
        record Store(String uri) implements Binding {
        }

        /** A cluster (config dir, storage-root URI or {@code clusters:} name) and optionally a graph in it. */
        record Cluster(String cluster, Optional<String> graph) implements Binding {
        }

        /** A served graph (remote mode). */
        record Server(String server, Optional<String> graph) implements Binding {
        }
    }


    /**
     * Resolves the binding of a verb.
     *
     * @param positional the command's positional URI
     * @param uriFlag    a command-specific {@code --uri} option
     */
    public static Binding resolve(CliContext context, String verb, Addressing.Capability capability,
                                  Optional<String> positional, Optional<String> uriFlag) {
        GlobalFlags f = context.flags();
        List<String> ways = new ArrayList<>();
        positional.ifPresent(p -> ways.add("the positional URI"));
        uriFlag.ifPresent(p -> ways.add("--uri"));
        f.store().ifPresent(p -> ways.add("--store"));
        f.server().ifPresent(p -> ways.add("--server"));
        f.cluster().ifPresent(p -> ways.add("--cluster"));
        if (ways.size() > 1) {
            throw new CliException("usage", ways.get(0) + " and " + ways.get(1)
                    + " are mutually exclusive — pick one way to address the graph", ExitCodes.USAGE);
        }
        Binding b;
        Optional<String> direct = positional.or(() -> uriFlag).or(f::store);
        if (direct.isPresent()) {
            String uri = direct.get();
            String lower = uri.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                throw new CliException("usage", "a remote graph must be addressed with `--server <url>`, not as a storage URI ("
                        + uri + ")", ExitCodes.USAGE);
            }
            if (f.graph().isPresent()) {
                throw new CliException("usage", "--graph cannot be combined with " + ways.get(0) + ": a storage URI"
                        + " addresses a single graph already", ExitCodes.USAGE);
            }
            b = new Binding.Store(uri);
        } else if (f.server().isPresent()) {
            b = new Binding.Server(f.server().get(), f.graph());
        } else if (f.cluster().isPresent()) {
            b = new Binding.Cluster(f.cluster().get(), f.graph());
        } else {
            b = fromConfig(context, f);
        }
        check(verb, capability, b);
        return b;
    }

    private static Binding fromConfig(CliContext context, GlobalFlags f) {
        Optional<String> profileName = f.profile().or(() -> Optional.ofNullable(context.env().get("OMNIGRAPH_PROFILE"))
                .filter(s -> !s.isBlank()));
        OperatorConfig oc = OperatorConfig.load(context.env());
        oc.warnings().forEach(w -> context.err().println("warning: " + w));
        if (profileName.isPresent()) {
            OperatorConfig.Profile p = oc.profiles().get(profileName.get());
            if (p == null) {
                throw new CliException("unknown_profile", "unknown profile '" + profileName.get() + "' — profiles defined in "
                        + oc.file() + ": " + oc.profiles().keySet());
            }
            int n = (p.server().isPresent() ? 1 : 0) + (p.cluster().isPresent() ? 1 : 0) + (p.store().isPresent() ? 1 : 0);
            if (n != 1) {
                throw new CliException("invalid_profile", "profile '" + p.name() + "' in " + oc.file()
                        + " must bind exactly one of server, cluster or store (found " + n + ")");
            }
            Optional<String> graph = f.graph().or(p::defaultGraph);
            if (p.server().isPresent()) {
                return new Binding.Server(p.server().get(), graph);
            }
            if (p.cluster().isPresent()) {
                return new Binding.Cluster(p.cluster().get(), graph);
            }
            if (f.graph().isPresent()) {
                throw new CliException("usage", "--graph cannot be combined with profile '" + p.name()
                        + "', which binds a single graph's storage", ExitCodes.USAGE);
            }
            return new Binding.Store(p.store().get());
        }
        OperatorConfig.Profile d = oc.defaults();
        if (d.server().isPresent() && d.store().isPresent()) {
            throw new CliException("invalid_operator_config", "`defaults.server` and `defaults.store` in " + oc.file()
                    + " are mutually exclusive; keep one");
        }
        if (d.server().isPresent()) {
            return new Binding.Server(d.server().get(), f.graph().or(d::defaultGraph));
        }
        if (d.store().isPresent()) {
            if (f.graph().isPresent()) {
                throw new CliException("usage", "--graph cannot be combined with `defaults.store`, which binds a single"
                        + " graph's storage", ExitCodes.USAGE);
            }
            return new Binding.Store(d.store().get());
        }
        throw new CliException("usage", "no graph addressed — pass a positional URI, --store <uri>, --server <name>,"
                + " --profile <name>, or set a default scope in ~/.omnigraph/config.yaml", ExitCodes.USAGE);
    }

    /** Binding × capability (§6.3). */
    private static void check(String verb, Addressing.Capability capability, Binding b) {
        switch (b) {
            case Binding.Server s -> {
                if (capability == Addressing.Capability.DIRECT) {
                    throw new CliException("invalid_scope", "`" + verb + "` is a direct (storage-native) command and needs"
                            + " direct storage access; the resolved target is a remote server (" + s.server() + "). Pass the"
                            + " graph's file:// or s3:// URI with --store <uri> (or --cluster <dir> --graph <id>).");
                }
            }
            case Binding.Cluster c -> {
                if (capability == Addressing.Capability.SERVED) {
                    throw new CliException("invalid_scope", "`" + verb + "` is a served command; the resolved scope is a"
                            + " cluster (" + c.cluster() + "). Address the server with --server <name|url> or --profile <name>.",
                            ExitCodes.USAGE);
                }
                if (capability == Addressing.Capability.ANY) {
                    throw new CliException("invalid_scope", "`" + verb + "` cannot run against a cluster binding (" + c.cluster()
                            + "): run data commands through a server, or use --store <uri> (the graph's storage, e.g."
                            + " <root>/graphs/<id>.omni)");
                }
            }
            case Binding.Store s -> {
                if (capability == Addressing.Capability.SERVED) {
                    throw new CliException("invalid_scope", "`" + verb + "` is a served command; the resolved scope is a"
                            + " storage URI (" + s.uri() + "). Address the server with --server <name|url> or --profile <name>.",
                            ExitCodes.USAGE);
                }
            }
        }
    }
}
