package io.omnigraph.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link CompareBench} result files, cross-checks every query's rows against OmniGraph's, and prints Markdown
 * tables with absolute figures and ratios (ours ÷ peer; below 1.0 means OmniGraph is faster). A second OmniGraph
 * file is treated as an A/A run: the ratio between the two OmniGraph runs is the noise floor.
 *
 * <pre>java … io.omnigraph.bench.compare.CompareReport omnigraph.json [omnigraph-aa.json] kuzu.json neo4j.json</pre>
 * Exits 1 when any peer's rows differ from OmniGraph's.
 */
public final class CompareReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompareReport() {
    }

    public static void main(String[] args) throws IOException {
        List<CompareBench.Result> results = new ArrayList<>();
        for (String a : args) {
            results.add(JSON.readValue(Path.of(a).toFile(), CompareBench.Result.class));
        }
        Report r = report(results);
        System.out.println(r.markdown());
        System.exit(r.mismatches().isEmpty() ? 0 : 1);
    }

    /** The rendered report and the list of (system, query) pairs whose rows differ from OmniGraph's. */
    public record Report(String markdown, List<String> mismatches) {
    }

    public static Report report(List<CompareBench.Result> results) {
        CompareBench.Result ours = results.stream().filter(r -> r.system().equals("omnigraph")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no omnigraph result among the files"));
        Optional<CompareBench.Result> aa = results.stream().filter(r -> r.system().equals("omnigraph") && r != ours).findFirst();
        List<CompareBench.Result> peers = results.stream().filter(r -> !r.system().equals("omnigraph")).toList();
        StringBuilder sb = new StringBuilder();
        List<String> mismatches = new ArrayList<>();

        sb.append("| system | version | JDK | cores | max heap | persons | follows |\n|---|---|---|---:|---:|---:|---:|\n");
        for (CompareBench.Result r : results) {
            sb.append(f("| %s | %s | %s | %d | %d MiB | %,d | %,d |%n", r.system(), r.version(), r.jdk(), r.cores(),
                    r.maxHeapMiB(), r.persons(), r.follows()));
        }
        sb.append("\nBulk load of the whole graph:\n\n| system | load s | ours ÷ system | heap after load (after GC) |\n|---|---:|---:|---:|\n");
        for (CompareBench.Result r : results) {
            sb.append(f("| %s | %.2f | %.2f× | %d MiB |%n", r.system(), r.loadSeconds(), ours.loadSeconds() / r.loadSeconds(),
                    r.heapAfterLoadMiB()));
        }

        sb.append("\nQueries (warm; median / p95 ms; ratio = ours median ÷ system median):\n\n| query | omnigraph |");
        aa.ifPresent(a -> sb.append(" A/A rerun | A/A ratio |"));
        for (CompareBench.Result p : peers) {
            sb.append(' ').append(p.system()).append(" | ours ÷ ").append(p.system()).append(" |");
        }
        sb.append(" rows equal | answer (first row) |\n|---|---:|");
        aa.ifPresent(a -> sb.append("---:|---:|"));
        peers.forEach(p -> sb.append("---:|---:|"));
        sb.append("---|---|\n");
        for (CompareBench.QueryFigures q : ours.queries()) {
            sb.append(f("| %s | %s |", q.label(), ms(q)));
            aa.flatMap(a -> find(a, q.id())).ifPresentOrElse(
                    a -> sb.append(f(" %s | %.2f× |", ms(a), q.medianMs() / a.medianMs())), () -> aa.ifPresent(x -> sb.append(" – | – |")));
            List<String> eq = new ArrayList<>();
            for (CompareBench.Result p : peers) {
                Optional<CompareBench.QueryFigures> pq = find(p, q.id());
                if (pq.isEmpty()) {
                    sb.append(" – | – |");
                    continue;
                }
                sb.append(f(" %s | %.3f× |", ms(pq.get()), q.medianMs() / pq.get().medianMs()));
                if (pq.get().rows().equals(q.rows())) {
                    eq.add(p.system());
                } else if (equalUpToTies(q.rows(), pq.get().rows())) {
                    eq.add(p.system() + " (ties ordered differently)");
                } else {
                    mismatches.add(p.system() + " " + q.id() + ": ours " + q.rows() + " vs " + pq.get().rows());
                    eq.add("**" + p.system() + " DIFFERS**");
                }
            }
            sb.append(' ').append(eq.isEmpty() ? "–" : String.join(", ", eq)).append(" | `")
                    .append(q.rows().isEmpty() ? "" : String.join(", ", q.rows().get(0))).append("` |\n");
        }
        sb.append(f("%nRuns per query: omnigraph %s", runs(ours)));
        peers.forEach(p -> sb.append(f("; %s %s", p.system(), runs(p))));
        sb.append(f(". Heap after the queries (after GC): omnigraph %d MiB.%n", ours.heapAfterQueriesMiB()));
        if (!mismatches.isEmpty()) {
            sb.append("\nMismatches:\n");
            mismatches.forEach(m -> sb.append("- ").append(m).append('\n'));
        }

        sb.append("\nTargets:\n\n| target | measured | met |\n|---|---|---|\n");
        Optional<CompareBench.Result> kuzu = peers.stream().filter(p -> p.system().equals("kuzu")).findFirst();
        Optional<CompareBench.Result> neo = peers.stream().filter(p -> p.system().equals("neo4j")).findFirst();
        for (String id : List.of("Q8", "Q9")) {
            Optional<CompareBench.QueryFigures> o = find(ours, id);
            if (o.isEmpty()) {
                continue;
            }
            kuzu.flatMap(k -> find(k, id)).ifPresent(k -> target(sb, id + " ≤ 1.0× Kuzu", o.get().medianMs() / k.medianMs(),
                    o.get().medianMs() / k.medianMs() <= 1.0));
            neo.flatMap(n -> find(n, id)).ifPresent(n -> target(sb, id + " ≥ 20× faster than Neo4j",
                    n.medianMs() / o.get().medianMs(), n.medianMs() / o.get().medianMs() >= 20.0));
        }
        kuzu.ifPresent(k -> target(sb, "bulk load ≤ 1.0× Kuzu", ours.loadSeconds() / k.loadSeconds(),
                ours.loadSeconds() <= k.loadSeconds()));
        if (ours.maxHeapMiB() <= 2048) {
            sb.append(f("| graph served with heap ≤ 2 GiB | ran with -Xmx%dm; used after GC %d MiB | %s |%n",
                    ours.maxHeapMiB(), ours.heapAfterQueriesMiB(), ours.heapAfterQueriesMiB() <= 2048 ? "met" : "not met"));
        }
        return new Report(sb.toString(), List.copyOf(mismatches));
    }

    /**
     * Both results agree when they differ only in how rows with equal ORDER BY keys were ordered or cut by LIMIT: the
     * order key is the last column in all nine queries, so the key sequences must be equal, and the rows above the
     * last (boundary) key must be the same sets.
     */
    public static boolean equalUpToTies(List<List<String>> a, List<List<String>> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            return a.equals(b);
        }
        List<String> ka = a.stream().map(r -> r.getLast()).toList();
        List<String> kb = b.stream().map(r -> r.getLast()).toList();
        if (!ka.equals(kb)) {
            return false;
        }
        String boundary = ka.getLast();
        return a.stream().filter(r -> !r.getLast().equals(boundary)).map(Object::toString).sorted().toList()
                .equals(b.stream().filter(r -> !r.getLast().equals(boundary)).map(Object::toString).sorted().toList());
    }

    private static void target(StringBuilder sb, String what, double ratio, boolean met) {
        sb.append(f("| %s | %.3f× | %s |%n", what, ratio, met ? "met" : "not met"));
    }

    private static Optional<CompareBench.QueryFigures> find(CompareBench.Result r, String id) {
        return r.queries().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    private static String ms(CompareBench.QueryFigures q) {
        return f("%s / %s", num(q.medianMs()), num(q.p95Ms()));
    }

    private static String num(double ms) {
        return ms >= 100 ? f("%,.0f", ms) : ms >= 10 ? f("%.1f", ms) : f("%.2f", ms);
    }

    private static String runs(CompareBench.Result r) {
        Map<Integer, List<String>> by = new LinkedHashMap<>();
        r.queries().forEach(q -> by.computeIfAbsent(q.runs(), k -> new ArrayList<>()).add(q.id()));
        return by.size() == 1 ? String.valueOf(by.keySet().iterator().next())
                : by.entrySet().stream().map(e -> e.getKey() + " (" + String.join(",", e.getValue()) + ")").toList().toString();
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }
}
