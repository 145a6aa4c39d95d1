package io.omnigraph.bench.compiler;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.schema.ir.PropertyDef;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a large, valid schema ({@code nodeTypes} node types, about half as many edge types, a few interfaces,
 * every type and constraint kind) and a large query file over it (reads with bindings, traversals, filters,
 * negations, aggregates, ordering; mutations). Deterministic for a seed.
 */
public final class CompilerWorkload {
    private static final String[] SCALARS = {"String", "I32", "I64", "U32", "F32", "F64", "Bool", "Date", "DateTime"};

    private CompilerWorkload() {
    }

    /** A schema text with {@code nodeTypes} nodes and {@code nodeTypes / 2} edges (e.g. 100 + 50 = 150 types). */
    public static String schema(int nodeTypes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("// generated benchmark schema\n");
        int interfaces = Math.max(1, nodeTypes / 20);
        for (int i = 0; i < interfaces; i++) {
            sb.append("interface Iface").append(i).append(" {\n    shared").append(i).append(": String? @index\n")
                    .append("    stamp").append(i).append(": DateTime?\n}\n\n");
        }
        for (int n = 0; n < nodeTypes; n++) {
            sb.append("node N").append(n).append(" @description(\"node type ").append(n).append("\")");
            if (n % 5 == 0) {
                sb.append(" implements Iface").append(n % interfaces);
            }
            sb.append(" {\n    slug: String @key\n    title: String @index\n    rank: I32?\n    score: F64?\n")
                    .append("    status: enum(draft, open, closed, archived)\n    tags: [String]?\n");
            int extra = 4 + r.nextInt(8);
            for (int p = 0; p < extra; p++) {
                String t = SCALARS[r.nextInt(SCALARS.length)];
                sb.append("    p").append(p).append(": ").append(t).append(r.nextInt(3) == 0 ? "" : "?");
                if (r.nextInt(6) == 0 && !t.equals("Bool")) {
                    sb.append(" @index");
                }
                sb.append('\n');
            }
            if (n % 7 == 0) {
                sb.append("    embedding: Vector(16)? @embed(title)\n");
            }
            sb.append("    @range(rank, 0..1000)\n    @check(slug, \"^[a-z0-9-]+$\")\n}\n\n");
        }
        for (int e = 0; e < nodeTypes / 2; e++) {
            int from = r.nextInt(nodeTypes);
            int to = e % 3 == 0 ? from : r.nextInt(nodeTypes);
            sb.append("edge E").append(e).append(": N").append(from).append(" -> N").append(to);
            if (e % 4 == 0) {
                sb.append(" @card(0..10)");
            }
            sb.append(" {\n    weight: F64?\n    since: Date?\n}\n\n");
        }
        return sb.toString();
    }

    /** A query file with {@code count} queries over the catalog of {@link #schema}. */
    public static String queries(Catalog catalog, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<EdgeType> edges = catalog.edgeTypes();
        List<NodeType> nodes = catalog.nodeTypes();
        StringBuilder sb = new StringBuilder("// generated benchmark queries\n");
        for (int i = 0; i < count; i++) {
            switch (i % 6) {
                case 0 -> {
                    NodeType n = nodes.get(r.nextInt(nodes.size()));
                    sb.append("query q").append(i).append("($slug: String) {\n  match {\n    $a: ").append(n.name())
                            .append(" { slug: $slug }\n  }\n  return { $a.slug, $a.title, $a.rank }\n}\n\n");
                }
                case 1 -> {
                    EdgeType e = edges.get(r.nextInt(edges.size()));
                    sb.append("query q").append(i).append("($min: I32) {\n  match {\n    $a: ").append(e.from())
                            .append("\n    $a ").append(lower(e.name())).append(" $b\n    $a.rank >= $min\n    $b.title contains \"x\"\n  }\n")
                            .append("  return { $a.slug, $b.slug, $b.score }\n  order { $b.score desc, $a.slug }\n  limit 50\n}\n\n");
                }
                case 2 -> {
                    EdgeType e = edges.get(r.nextInt(edges.size()));
                    sb.append("query q").append(i).append("() {\n  match {\n    $a: ").append(e.from())
                            .append("\n    not { $a ").append(lower(e.name())).append(" $_ }\n  }\n  return { $a.slug }\n}\n\n");
                }
                case 3 -> {
                    EdgeType e = edges.get(r.nextInt(edges.size()));
                    sb.append("query q").append(i).append("() {\n  match {\n    $a $w:").append(lower(e.name()))
                            .append(" $b\n    $w.since >= date(\"2024-01-01\")\n  }\n  return {\n    $a.slug\n    count($b) as n\n")
                            .append("    avg($b.score) as mean\n    max($w.weight) as heaviest\n  }\n  order { n desc }\n  limit 10\n}\n\n");
                }
                case 4 -> {
                    NodeType n = nodes.get(r.nextInt(nodes.size()));
                    sb.append("query q").append(i).append("($slug: String, $title: String, $rank: I32?) {\n  insert ").append(n.name())
                            .append(" {\n    slug: $slug\n    title: $title\n    rank: $rank\n    status: \"open\"\n");
                    for (PropertyDef p : n.properties()) {
                        if (!p.type().nullable() && !List.of("slug", "title", "status").contains(p.name())) {
                            sb.append("    ").append(p.name()).append(": $").append(p.name()).append('\n');
                        }
                    }
                    sb.append("  }\n}\n\n");
                    // declare the extra params by rewriting the header
                    String header = "query q" + i + "($slug: String, $title: String, $rank: I32?";
                    StringBuilder extraParams = new StringBuilder();
                    for (PropertyDef p : n.properties()) {
                        if (!p.type().nullable() && !List.of("slug", "title", "status").contains(p.name())) {
                            extraParams.append(", $").append(p.name()).append(": ").append(p.type().asNonNull().display());
                        }
                    }
                    int at = sb.lastIndexOf(header);
                    sb.insert(at + header.length(), extraParams);
                }
                default -> {
                    NodeType n = nodes.get(r.nextInt(nodes.size()));
                    sb.append("query q").append(i).append("($slug: String, $rank: I32) {\n  update ").append(n.name())
                            .append(" set { rank: $rank, status: \"closed\" } where slug = $slug\n}\n\n");
                }
            }
        }
        return sb.toString();
    }

    private static String lower(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Names of the generated queries (for callers that typecheck one by one). */
    public static List<String> queryNames(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("q" + i);
        }
        return out;
    }
}
