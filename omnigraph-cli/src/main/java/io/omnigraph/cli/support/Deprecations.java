package io.omnigraph.cli.support;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deprecated argv rewrites of cluster-server.md §6.1: {@code read}→{@code query}, {@code change}→{@code mutate},
 * {@code check}→{@code lint}, {@code query lint|check}→{@code lint}, and the hidden {@code ingest}→{@code load}
 * ({@code --mode merge --from main} unless given). Each rewrite prints a warning on stderr and
 * the command then runs as its new spelling.
 */
public final class Deprecations {
    private static final Map<String, String> VERBS = Map.of("read", "query", "change", "mutate", "check", "lint");

    private Deprecations() {
    }

    public static String[] rewrite(String[] args, PrintStream err) {
        List<String> out = new ArrayList<>(List.of(args));
        int verb = -1;
        for (int i = 0; i < out.size(); i++) {
            String a = out.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("-")) {
                if (GlobalFlags.VALUED.contains(a)) {
                    i++; // skip its value
                }
                continue;
            }
            verb = i;
            break;
        }
        if (verb < 0) {
            return args;
        }
        String v = out.get(verb);
        if (VERBS.containsKey(v)) {
            err.println("warning: `omnigraph " + v + "` is deprecated; use `omnigraph " + VERBS.get(v) + "`");
            out.set(verb, VERBS.get(v));
        } else if (v.equals("ingest")) {
            // the original's bulk-load verb: --mode defaults to merge and --from to main
            err.println("warning: `omnigraph ingest` is deprecated; use `omnigraph load --mode merge --from main`");
            out.set(verb, "load");
            if (!out.contains("--mode") && out.stream().noneMatch(a -> a.startsWith("--mode="))) {
                out.add(verb + 1, "merge");
                out.add(verb + 1, "--mode");
            }
            if (!out.contains("--from") && out.stream().noneMatch(a -> a.startsWith("--from="))) {
                out.add(verb + 1, "main");
                out.add(verb + 1, "--from");
            }
        } else if (v.equals("query") && verb + 1 < out.size()
                && (out.get(verb + 1).equals("lint") || out.get(verb + 1).equals("check"))) {
            err.println("warning: `omnigraph query " + out.get(verb + 1) + "` is deprecated; use `omnigraph lint`");
            out.remove(verb + 1);
            out.set(verb, "lint");
        }
        return out.toArray(String[]::new);
    }
}
