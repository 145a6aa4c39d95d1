package io.omnigraph.compiler.diag;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean …?" hints over a set of declared names. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * A hint naming the closest declared name (edit distance, case-insensitive), or listing the declared names
     * when none is close; {@code null} when nothing is declared.
     */
    public static String didYouMean(String name, Collection<String> declared) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String c : declared) {
            int dist = editDistance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        if (best != null && bestDist < name.length() && bestDist <= Math.max(1, name.length() / 3)) {
            return "did you mean '" + best + "'?";
        }
        if (declared.isEmpty()) {
            return null;
        }
        List<String> sorted = declared.stream().sorted().limit(8).toList();
        return "declared: " + String.join(", ", sorted) + (declared.size() > 8 ? ", …" : "");
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
    static int editDistance(String a, String b) {
        int[][] dp = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            dp[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            dp[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                dp[i][j] = Math.min(Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1), dp[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    dp[i][j] = Math.min(dp[i][j], dp[i - 2][j - 2] + 1);
                }
            }
        }
        return dp[a.length()][b.length()];
    }
}
