package io.omnigraph.engine.query.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random read queries over {@link RandomGraphs#SCHEMA}, as {@code .gq} text: bindings with property matches, traversals
 * in both textual directions (so both endpoints get to be the expansion side), hop ranges, undirected traversals, edge
 * bindings, joins between bound variables, filters of every operator (with cross-width numeric literals), two-variable
 * filters, nested negations, aggregates with group keys, order and limit.
 */
public final class RandomQueries {
    record Prop(String name, String kind) {
    }

    record Edge(String name, String word, String from, String to, List<Prop> props) {
        boolean same() {
            return from.equals(to);
        }
    }

    static final Map<String, List<Prop>> NODE_PROPS = Map.of(
            "A", List.of(new Prop("name", "str"), new Prop("n", "int"), new Prop("f", "float"), new Prop("tags", "list"),
                    new Prop("flag", "bool"), new Prop("d", "date")),
            "B", List.of(new Prop("name", "str"), new Prop("n", "int"), new Prop("label", "str"), new Prop("r", "float")),
            "C", List.of(new Prop("code", "int"), new Prop("s", "str")));
    static final List<Edge> EDGES = List.of(
            new Edge("AA", "aa", "A", "A", List.of(new Prop("w", "int"), new Prop("note", "str"))),
            new Edge("AB", "aB", "A", "B", List.of(new Prop("w", "int"))),
            new Edge("BB", "bb", "B", "B", List.of()),
            new Edge("CA", "ca", "C", "A", List.of()));

    private final Random r;
    private final List<String[]> vars = new ArrayList<>(); // {name, type, kind(node|edge)}
    private final List<String> clauses = new ArrayList<>();
    private int counter;

    private RandomQueries(Random r) {
        this.r = r;
    }

    /** A random query named {@code q}. */
    public static String generate(Random r) {
        return new RandomQueries(r).build();
    }

    private String build() {
        if (r.nextInt(4) == 0) {
            Edge e = EDGES.get(r.nextInt(EDGES.size()));
            String a = fresh(e.from());
            String b = fresh(e.to());
            clauses.add("$" + a + " " + word(e, false) + " $" + b);
        } else {
            binding(fresh(pickType()));
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(100);
            if (k < 50) {
                traversal();
            } else if (k < 58) {
                binding(fresh(pickType()));
            } else if (k < 82) {
                filter();
            } else {
                clauses.add(negation(nodeVars().get(r.nextInt(nodeVars().size())), 0));
            }
        }
        if (r.nextInt(3) == 0) {
            filter();
        }
        StringBuilder q = new StringBuilder("query q() {\n  match {\n");
        for (String c : clauses) {
            q.append("    ").append(c).append('\n');
        }
        q.append("  }\n");
        boolean aggregate = r.nextInt(10) < 3;
        List<String> projected = new ArrayList<>();
        List<String> orderable = new ArrayList<>();
        if (aggregate) {
            int keys = r.nextInt(3);
            Set<String> ks = new LinkedHashSet<>();
            for (int i = 0; i < keys; i++) {
                String[] v = nodeVars().get(r.nextInt(nodeVars().size()));
                if (r.nextInt(3) == 0) {
                    ks.add("$" + v[0]);
                } else {
                    Prop p = scalarProp(v[1]);
                    ks.add("$" + v[0] + "." + p.name());
                }
            }
            projected.addAll(ks);
            orderable.addAll(ks);
            int aggs = 1 + r.nextInt(2);
            for (int i = 0; i < aggs; i++) {
                String alias = "c" + i;
                projected.add(aggregateExpr() + " as " + alias);
                orderable.add(alias);
            }
        } else {
            int p = 1 + r.nextInt(3);
            Set<String> ps = new LinkedHashSet<>();
            for (int i = 0; i < p; i++) {
                String[] v = vars.get(r.nextInt(vars.size()));
                if (v[2].equals("edge")) {
                    Edge e = edge(v[1]);
                    if (!e.props().isEmpty()) {
                        ps.add("$" + v[0] + "." + e.props().get(r.nextInt(e.props().size())).name());
                    }
                } else if (r.nextInt(4) == 0) {
                    ps.add("$" + v[0]);
                } else {
                    List<Prop> props = NODE_PROPS.get(v[1]);
                    ps.add("$" + v[0] + "." + props.get(r.nextInt(props.size())).name());
                }
            }
            if (ps.isEmpty()) {
                ps.add("$" + nodeVars().get(0)[0]);
            }
            projected.addAll(ps);
        }
        q.append("  return { ").append(String.join(", ", projected)).append(" }\n");
        if (r.nextInt(10) < 5) {
            List<String> keys = new ArrayList<>();
            int nk = 1 + r.nextInt(2);
            for (int i = 0; i < nk; i++) {
                String key;
                if (aggregate) {
                    if (orderable.isEmpty()) {
                        break;
                    }
                    key = orderable.get(r.nextInt(orderable.size()));
                } else {
                    String[] v = nodeVars().get(r.nextInt(nodeVars().size()));
                    key = r.nextInt(4) == 0 ? "$" + v[0] : "$" + v[0] + "." + scalarProp(v[1]).name();
                }
                keys.add(key + (r.nextBoolean() ? " desc" : r.nextBoolean() ? " asc" : ""));
            }
            if (!keys.isEmpty()) {
                q.append("  order { ").append(String.join(", ", keys)).append(" }\n");
            }
        }
        if (r.nextInt(10) < 3) {
            q.append("  limit ").append(r.nextInt(5)).append('\n');
        }
        return q.append("}\n").toString();
    }

    private String aggregateExpr() {
        List<String[]> nodes = nodeVars();
        String[] v = nodes.get(r.nextInt(nodes.size()));
        List<Prop> props = NODE_PROPS.get(v[1]);
        return switch (r.nextInt(6)) {
            case 0 -> "count($" + v[0] + ")";
            case 1 -> "count($" + v[0] + "." + props.get(r.nextInt(props.size())).name() + ")";
            case 2 -> numeric(v[1]).map(p -> "sum($" + v[0] + "." + p + ")").orElse("count($" + v[0] + ")");
            case 3 -> numeric(v[1]).map(p -> "avg($" + v[0] + "." + p + ")").orElse("count($" + v[0] + ")");
            case 4 -> "min($" + v[0] + "." + (v[1].equals("C") ? "code" : "name") + ")";
            default -> numeric(v[1]).map(p -> "max($" + v[0] + "." + p + ")").orElse("max($" + v[0] + ".s)");
        };
    }

    private java.util.Optional<String> numeric(String type) {
        List<String> ps = NODE_PROPS.get(type).stream().filter(p -> p.kind().equals("int") || p.kind().equals("float"))
                .map(Prop::name).toList();
        return ps.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(ps.get(r.nextInt(ps.size())));
    }

    private Prop scalarProp(String type) {
        List<Prop> ps = NODE_PROPS.get(type).stream().filter(p -> !p.kind().equals("list")).toList();
        return ps.get(r.nextInt(ps.size()));
    }

    private String pickType() {
        return new String[]{"A", "A", "B", "C"}[r.nextInt(4)];
    }

    private String fresh(String type) {
        String name = "v" + counter++;
        vars.add(new String[]{name, type, "node"});
        return name;
    }

    private List<String[]> nodeVars() {
        return vars.stream().filter(v -> v[2].equals("node")).toList();
    }

    private static Edge edge(String name) {
        return EDGES.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private String word(Edge e, boolean undirected) {
        String w = r.nextBoolean() ? e.word() : e.name().toLowerCase(java.util.Locale.ROOT);
        return undirected ? "<" + w + ">" : w;
    }

    private void binding(String var) {
        String type = vars.stream().filter(v -> v[0].equals(var)).findFirst().orElseThrow()[1];
        StringBuilder sb = new StringBuilder("$" + var + ": " + type);
        if (r.nextInt(3) == 0) {
            Prop p = NODE_PROPS.get(type).get(r.nextInt(NODE_PROPS.get(type).size()));
            sb.append(" { ").append(p.name()).append(": ").append(literal(p.kind(), true)).append(" }");
        }
        clauses.add(sb.toString());
    }

    private void traversal() {
        List<String[]> nodes = nodeVars();
        String[] x = nodes.get(r.nextInt(nodes.size()));
        List<Edge> options = EDGES.stream().filter(e -> e.from().equals(x[1]) || e.to().equals(x[1])).toList();
        if (options.isEmpty()) {
            filter();
            return;
        }
        Edge e = options.get(r.nextInt(options.size()));
        boolean forward = e.from().equals(x[1]) && (!e.to().equals(x[1]) || r.nextBoolean());
        String otherType = forward ? e.to() : e.from();
        String other;
        List<String[]> same = nodes.stream().filter(v -> v[1].equals(otherType)).toList();
        if (r.nextInt(5) == 0 && !same.isEmpty()) {
            other = same.get(r.nextInt(same.size()))[0];
        } else {
            other = fresh(otherType);
        }
        String edgeVar = "";
        boolean undirected = false;
        String bounds = "";
        if (r.nextInt(4) == 0) {
            String w = "w" + counter++;
            vars.add(new String[]{w, e.name(), "edge"});
            edgeVar = "$" + w + ":";
        } else if (e.same()) {
            undirected = r.nextInt(4) == 0;
            if (r.nextInt(2) == 0) {
                bounds = new String[]{"{1,1}", "{1,2}", "{2,2}", "{2,3}", "{1,3}"}[r.nextInt(5)];
            }
        }
        String src = forward ? x[0] : other;
        String dst = forward ? other : x[0];
        String text = "$" + src + " " + edgeVar + word(e, undirected) + bounds + " $" + dst;
        clauses.add(text);
        if (!edgeVar.isEmpty() && !e.props().isEmpty() && r.nextBoolean()) {
            Prop p = e.props().get(r.nextInt(e.props().size()));
            clauses.add("$" + edgeVar.substring(1, edgeVar.length() - 1) + "." + p.name() + " " + op(p.kind()) + " "
                    + literal(p.kind(), false));
        }
    }

    private void filter() {
        List<String[]> nodes = nodeVars();
        if (nodes.size() >= 2 && r.nextInt(5) == 0) {
            String[] a = nodes.get(r.nextInt(nodes.size()));
            String[] b = nodes.get(r.nextInt(nodes.size()));
            if (r.nextBoolean() && !a[0].equals(b[0])) {
                clauses.add("$" + a[0] + (r.nextBoolean() ? " != $" : " = $") + b[0]);
            } else {
                java.util.Optional<String> pa = numeric(a[1]);
                java.util.Optional<String> pb = numeric(b[1]);
                if (pa.isPresent() && pb.isPresent()) {
                    clauses.add("$" + a[0] + "." + pa.get() + " " + new String[]{"<", "<=", "=", ">", "!="}[r.nextInt(5)]
                            + " $" + b[0] + "." + pb.get());
                } else {
                    clauses.add("$" + a[0] + " != $" + b[0]);
                }
            }
            return;
        }
        String[] v = nodes.get(r.nextInt(nodes.size()));
        Prop p = NODE_PROPS.get(v[1]).get(r.nextInt(NODE_PROPS.get(v[1]).size()));
        if (p.kind().equals("str") && r.nextInt(6) == 0) {
            clauses.add("\"xaxb\" contains $" + v[0] + "." + p.name());
            return;
        }
        clauses.add("$" + v[0] + "." + p.name() + " " + op(p.kind()) + " " + literal(p.kind(), false));
    }

    private String negation(String[] x, int depth) {
        List<Edge> options = EDGES.stream().filter(e -> e.from().equals(x[1]) || e.to().equals(x[1])).toList();
        if (options.isEmpty()) {
            return "not { $" + x[0] + "." + scalarProp(x[1]).name() + " " + op(scalarProp(x[1]).kind()) + " "
                    + literal(scalarProp(x[1]).kind(), false) + " }";
        }
        Edge e = options.get(r.nextInt(options.size()));
        boolean forward = e.from().equals(x[1]);
        String otherType = forward ? e.to() : e.from();
        String local = "l" + counter++;
        boolean anonymous = r.nextInt(3) == 0;
        String other = anonymous ? "_" : local;
        String bounds = e.same() && r.nextBoolean() ? new String[]{"{1,2}", "{2,2}"}[r.nextInt(2)] : "";
        StringBuilder sb = new StringBuilder("not { ");
        sb.append(forward ? "$" + x[0] + " " + e.word() + bounds + " $" + other : "$" + other + " " + e.word() + bounds + " $" + x[0]);
        if (!anonymous && r.nextBoolean()) {
            Prop p = scalarProp(otherType);
            sb.append("  $").append(local).append('.').append(p.name()).append(' ').append(op(p.kind())).append(' ')
                    .append(literal(p.kind(), false));
        }
        if (!anonymous && depth == 0 && r.nextInt(3) == 0) {
            sb.append("  ").append(negation(new String[]{local, otherType, "node"}, 1));
        }
        return sb.append(" }").toString();
    }

    private String op(String kind) {
        return switch (kind) {
            case "str" -> new String[]{"=", "!=", "<", ">=", "contains", "starts_with"}[r.nextInt(6)];
            case "bool" -> new String[]{"=", "!="}[r.nextInt(2)];
            case "list" -> "contains";
            default -> new String[]{"=", "!=", "<", "<=", ">", ">="}[r.nextInt(6)];
        };
    }

    private String literal(String kind, boolean binding) {
        return switch (kind) {
            case "str" -> "\"" + new String[]{"a", "b", "l1", "x", "", "ab", "1"}[r.nextInt(7)] + "\"";
            case "int" -> new String[]{"0", "1", "2", "3", "1.5", "2.0", "9007199254740992.0"}[r.nextInt(binding ? 4 : 7)];
            case "float" -> new String[]{"0.5", "1.0", "2", "2.5", "0.1", "1"}[r.nextInt(6)];
            case "bool" -> r.nextBoolean() ? "true" : "false";
            case "date" -> "date(\"" + new String[]{"2024-01-01", "2024-01-02", "2023-12-31"}[r.nextInt(3)] + "\")";
            case "list" -> "\"" + new String[]{"x", "y", "z"}[r.nextInt(3)] + "\"";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
