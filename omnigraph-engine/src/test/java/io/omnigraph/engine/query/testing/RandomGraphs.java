package io.omnigraph.engine.query.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random small graphs for differential tests: three node types whose ids share one alphabet ({@code a}…{@code f} for
 * A and B; C is keyed by an integer), four edge types (two between one type, so multi-hop and undirected apply),
 * cycles, self-loops, parallel edges and NULLs everywhere a property is nullable.
 */
public final class RandomGraphs {
    public static final String SCHEMA = """
            node A { name: String @key  n: I32? @index  f: F64?  tags: [String]?  flag: Bool?  d: Date? }
            node B { name: String @key  n: I64?  label: String? @index  r: F32? }
            node C { code: I32 @key  s: String? }
            edge AA: A -> A { w: I32?  note: String? }
            edge AB: A -> B { w: I32? }
            edge BB: B -> B
            edge CA: C -> A
            """;
    static final String[] ALPHABET = {"a", "b", "c", "d", "e", "f"};

    private RandomGraphs() {
    }

    /** The graph as NDJSON; node names are drawn from the shared alphabet. */
    public static String data(Random r) {
        StringBuilder sb = new StringBuilder();
        List<String> as = pick(r, ALPHABET, r.nextInt(7));
        List<String> bs = pick(r, ALPHABET, r.nextInt(6));
        List<String> cs = pick(r, new String[]{"1", "2", "3", "4", "5"}, r.nextInt(4));
        for (String a : as) {
            sb.append("{\"type\":\"A\",\"data\":{\"name\":\"").append(a).append('"')
                    .append(opt(r, ",\"n\":", new String[]{"-1", "0", "1", "2", "3"}))
                    .append(opt(r, ",\"f\":", new String[]{"0.5", "1.0", "2.5", "-1.5", "2"}))
                    .append(opt(r, ",\"tags\":", new String[]{"[]", "[\"x\"]", "[\"x\",\"y\"]", "[\"z\",\"x\"]", "[\"y\"]"}))
                    .append(opt(r, ",\"flag\":", new String[]{"true", "false"}))
                    .append(opt(r, ",\"d\":", new String[]{"\"2024-01-01\"", "\"2024-01-02\"", "\"2023-12-31\""}))
                    .append("}}\n");
        }
        for (String b : bs) {
            sb.append("{\"type\":\"B\",\"data\":{\"name\":\"").append(b).append('"')
                    .append(opt(r, ",\"n\":", new String[]{"-1", "0", "1", "2", "9007199254740993"}))
                    .append(opt(r, ",\"label\":", new String[]{"\"l1\"", "\"lx\"", "\"ax\"", "\"\"", "\"l1\""}))
                    .append(opt(r, ",\"r\":", new String[]{"0.5", "0.1", "1.0", "2.5"}))
                    .append("}}\n");
        }
        for (String c : cs) {
            sb.append("{\"type\":\"C\",\"data\":{\"code\":").append(c)
                    .append(opt(r, ",\"s\":", new String[]{"\"a\"", "\"b\"", "\"ab\""})).append("}}\n");
        }
        edges(r, sb, "AA", as, as, true);
        edges(r, sb, "AB", as, bs, true);
        edges(r, sb, "BB", bs, bs, false);
        edges(r, sb, "CA", cs, as, false);
        return sb.toString();
    }

    private static void edges(Random r, StringBuilder sb, String type, List<String> from, List<String> to, boolean weighted) {
        if (from.isEmpty() || to.isEmpty()) {
            return;
        }
        int m = r.nextInt(11);
        for (int i = 0; i < m; i++) {
            String s = from.get(r.nextInt(from.size()));
            String d = to.get(r.nextInt(to.size()));
            sb.append("{\"edge\":\"").append(type).append("\",\"from\":\"").append(s).append("\",\"to\":\"").append(d)
                    .append("\",\"data\":{\"id\":\"e").append(type).append(String.format("%02d", r.nextInt(100))).append(i).append('"');
            if (weighted) {
                sb.append(opt(r, ",\"w\":", new String[]{"0", "1", "2", "-3"}));
            }
            if (type.equals("AA")) {
                sb.append(opt(r, ",\"note\":", new String[]{"\"hi\"", "\"ho\"", "\"x\""}));
            }
            sb.append("}}\n");
        }
    }

    private static String opt(Random r, String prefix, String[] values) {
        return r.nextInt(4) == 0 ? "" : prefix + values[r.nextInt(values.length)];
    }

    private static List<String> pick(Random r, String[] alphabet, int k) {
        List<String> all = new ArrayList<>(List.of(alphabet));
        Collections.shuffle(all, r);
        return all.subList(0, Math.min(k, all.size()));
    }
}
