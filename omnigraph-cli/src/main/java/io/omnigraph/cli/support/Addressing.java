package io.omnigraph.cli.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The addressing guard of cluster-server.md §6.2: every verb has one capability, and a global scope flag the verb
 * cannot consume is refused before the command runs, with "`<verb>` is a <capability> command; <flag clause> and
 * does not apply.<remediation>" (exit 2).
 */
public final class Addressing {
    private Addressing() {
    }

    /** The capability classes of §6.2. */
    public enum Capability {
        ANY("any"), SERVED("served"), DIRECT("direct"), CONTROL("control"), LOCAL("local");

        private final String word;

        Capability(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final Set<String> MAINTENANCE = Set.of("optimize", "repair", "cleanup", "lint");
    private static final Set<String> NO_AS = Set.of("query", "blob", "commit", "changes", "mcp");
    private static final Map<String, String> CLAUSE = Map.of(
            "--server", "--server addresses a served graph",
            "--cluster", "--cluster addresses a cluster",
            "--graph", "--graph selects a graph inside a server or cluster scope",
            "--store", "--store addresses one graph's storage",
            "--as", "--as sets the actor of a direct write",
            "--profile", "--profile selects a named scope");

    /** The capability of a verb path such as {@code "cluster apply"}, {@code "schema plan"}, {@code "load"}. */
    public static Capability capability(String verb) {
        String first = verb.split(" ")[0];
        return switch (first) {
            case "query", "mutate", "load", "ingest", "branch", "snapshot", "export", "blob", "commit", "changes", "mcp" ->
                    Capability.ANY;
            case "schema" -> verb.startsWith("schema plan") || verb.startsWith("schema check") ? Capability.DIRECT : Capability.ANY;
            case "graphs" -> Capability.SERVED;
            case "init", "optimize", "repair", "cleanup", "lint" -> Capability.DIRECT;
            case "cluster", "policy", "queries" -> Capability.CONTROL;
            default -> Capability.LOCAL; // alias, embed, login, logout, profile, version, demo, help
        };
    }

    /** Whether {@code flag} applies to {@code verb} (§6.2 table). {@code --yes/--quiet/--json} always do. */
    public static boolean allows(String verb, String flag) {
        String first = verb.split(" ")[0];
        boolean controlScoped = first.equals("policy") || first.equals("queries");
        return switch (capability(verb)) {
            case ANY -> switch (flag) {
                case "--cluster" -> false;
                case "--as" -> !NO_AS.contains(first);
                default -> true;
            };
            case SERVED -> flag.equals("--server") || flag.equals("--profile");
            case DIRECT -> switch (flag) {
                case "--server", "--as" -> false;
                case "--cluster", "--graph" -> MAINTENANCE.contains(first);
                case "--store", "--profile" -> !first.equals("init");
                default -> true;
            };
            case CONTROL -> switch (flag) {
                case "--cluster", "--graph", "--profile" -> controlScoped;
                case "--as" -> verb.equals("cluster apply") || verb.equals("cluster approve");
                case "--server" -> first.equals("queries");
                case "--store" -> false;
                default -> true;
            };
            case LOCAL -> !CLAUSE.containsKey(flag);
        };
    }

    /** The refusal for the first given flag the verb cannot consume, if any. */
    public static Optional<String> refusal(String verb, List<String> givenFlags) {
        for (String flag : givenFlags) {
            if (CLAUSE.containsKey(flag) && !allows(verb, flag)) {
                Capability c = capability(verb);
                return Optional.of("`" + verb + "` is " + (c == Capability.ANY ? "an " : "a ") + c.word() + " command; "
                        + CLAUSE.get(flag) + " and does not apply." + remediation(verb, c));
            }
        }
        return Optional.empty();
    }

    private static String remediation(String verb, Capability c) {
        String first = verb.split(" ")[0];
        return switch (c) {
            case DIRECT -> MAINTENANCE.contains(first) ? " Pass a storage URI, or --cluster <dir> --graph <id>." : " Pass a storage URI.";
            case CONTROL -> first.equals("cluster") ? " It operates on a cluster config directory (pass --config <dir>)."
                    : " It operates on a cluster (pass --cluster <dir|uri>, or select a cluster profile).";
            case LOCAL -> " It does not address a graph.";
            case SERVED -> " Address the server with --server <name|url> or --profile <name>.";
            case ANY -> " Address the graph with a storage URI, --store <uri>, or --server <name|url>.";
        };
    }
}
