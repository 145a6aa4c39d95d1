package io.omnigraph.cli.support;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean …?" for mistyped names (commands, graphs, branches, queries, aliases, profiles). */
public final class Suggest {
    private Suggest() {
    }

    /** The known names within edit distance 2 (or sharing a prefix of 3+), closest first; at most 3. */
    public static List<String> close(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) <= (g.length() <= 2 ? 1 : g.length() <= 8 ? 2 : 3)
                        || (g.length() >= 3 && k.toLowerCase(Locale.ROOT).startsWith(g)))
                .sorted(Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .limit(3).toList();
    }

    /** {@code "; did you mean 'x'?"} or empty. */
    public static String clause(String given, Collection<String> known) {
        List<String> c = close(given, known);
        if (c.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", c.stream().map(s -> "'" + s + "'").toList()) + "?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
