package io.omnigraph.engine.search;

/** Bounded Levenshtein distance (insert, delete, substitute; each costs 1) on UTF-16 code units. */
final class Levenshtein {
    private Levenshtein() {
    }

    /** True when {@code a} and {@code b} are at most {@code max} edits apart. */
    static boolean within(String a, String b, int max) {
        if (max < 0) {
            return false;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > max) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= lb; j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return false;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb] <= max;
    }
}
