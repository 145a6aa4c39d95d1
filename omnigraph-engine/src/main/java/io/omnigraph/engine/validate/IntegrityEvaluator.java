package io.omnigraph.engine.validate;

import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.schema.ir.CardinalityDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.FloatFormat;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.Utf8Column;
import io.omnigraph.engine.table.TableData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The one integrity evaluator shared by load, mutation and branch merge (engine.md §4.6, languages.md §3.5). It checks
 * a change set (per table: rows written, ids deleted, or a whole-table replacement) against the committed state and
 * reports violations with the spec's exact messages:
 * <ul>
 *   <li>enum — {@code invalid enum value 'v' for T.p (expected: a, b, c)}</li>
 *   <li>range — {@code @range violation on T.p: value V < min M} / {@code > max M} / {@code value is NaN}</li>
 *   <li>check — {@code @check violation on T.p: value 'v' does not match pattern 'r'} (unanchored search)</li>
 *   <li>unique — {@code @unique violation on T.<cols>: value '<vals>' held by '<id1>' and '<id2>'}; composites are
 *       rendered {@code (a, b)}; rows with a NULL member are exempt; re-writing the same id is not a collision</li>
 *   <li>reference — {@code src 'x' not found in Person} / {@code dst 'y' not found in Company}, for written edges and
 *       for retained edges whose endpoint the write removes</li>
 *   <li>cardinality — {@code @card violation on edge E: source 's' has N edges (max M)} / {@code (min M)}, counted per
 *       source over the post-write edge set, only for sources the write touched (sources of written edges, previous
 *       sources of deleted or moved edges), skipping sources that are themselves removed</li>
 * </ul>
 * Delta-scoped: only written rows are checked for enum/range/check; committed tables are loaded only when a check
 * needs them. The report lists which committed tables were read whole and which committed ids were probed, so the
 * writer can declare its read set (key-level rebase).
 *
 * <p>Checks run in a fixed order (node tables, then edge tables, each in type-name order; per table: values,
 * uniqueness, references, cardinality; rows in order), so the first violation is deterministic.
 */
public final class IntegrityEvaluator {
    /** Probed base ids per table beyond which the read set is declared whole-table. */
    public static final int MAX_PROBED_IDS = 100_000;
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final GraphSchema schema;
    private final Function<String, TableData> baseLoader;
    private final BiFunction<String, Set<String>, TableData> lookup;
    private final Map<String, TableImage> images = new HashMap<>();
    private final int maxViolations;
    private final List<EngineException.ConstraintViolation> violations = new ArrayList<>();
    private final Set<String> wholeTableReads = new LinkedHashSet<>();
    private final Map<String, Set<String>> probed = new HashMap<>();

    private IntegrityEvaluator(GraphSchema schema, Function<String, TableData> baseLoader,
                               BiFunction<String, Set<String>, TableData> lookup, Map<String, TableDelta> deltas,
                               int maxViolations) {
        this.schema = schema;
        this.baseLoader = baseLoader;
        this.lookup = lookup;
        this.maxViolations = maxViolations;
        for (Map.Entry<String, TableDelta> e : deltas.entrySet()) {
            images.put(e.getKey(), newImage(e.getKey(), e.getValue()));
        }
    }

    private TableImage newImage(String key, TableDelta delta) {
        return new TableImage(() -> baseLoader.apply(key), ids -> lookup.apply(key, ids), delta);
    }

    /**
     * Evaluates a change set.
     *
     * @param baseLoader    the committed rows of a table by table key (empty table for a table without rows)
     * @param deltas        the change per table key; tables not listed are unchanged
     * @param maxViolations stop after this many violations (1 for "fail on the first")
     */
    public static Report evaluate(GraphSchema schema, Function<String, TableData> baseLoader, Map<String, TableDelta> deltas,
                                  int maxViolations) {
        return evaluate(schema, baseLoader, (key, ids) -> baseLoader.apply(key), deltas, maxViolations);
    }

    /**
     * Evaluates a change set, answering "is id X live in committed table T" questions (edge endpoint references) with
     * {@code lookup} — a point lookup by id ({@link io.omnigraph.engine.snapshot.TableLoader#lookup}) — instead of the
     * whole committed table, unless another check needs the table anyway. Same results as without it.
     *
     * @param lookup the committed rows of the given ids of a table (other rows unspecified)
     */
    public static Report evaluate(GraphSchema schema, Function<String, TableData> baseLoader,
                                  BiFunction<String, Set<String>, TableData> lookup, Map<String, TableDelta> deltas,
                                  int maxViolations) {
        IntegrityEvaluator ev = new IntegrityEvaluator(schema, baseLoader, lookup, deltas, Math.max(1, maxViolations));
        try {
            ev.run();
        } catch (Stop stop) {
            // enough violations
        }
        return ev.report();
    }

    /** Evaluates and throws the first violation. */
    public static Report check(GraphSchema schema, Function<String, TableData> baseLoader, Map<String, TableDelta> deltas) {
        Report r = evaluate(schema, baseLoader, deltas, 1);
        r.throwIfViolated();
        return r;
    }

    /** Evaluates with point lookups (see {@link #evaluate(GraphSchema, Function, BiFunction, Map, int)}) and throws the first violation. */
    public static Report check(GraphSchema schema, Function<String, TableData> baseLoader,
                               BiFunction<String, Set<String>, TableData> lookup, Map<String, TableDelta> deltas) {
        Report r = evaluate(schema, baseLoader, lookup, deltas, 1);
        r.throwIfViolated();
        return r;
    }

    /** The outcome: violations (in check order) and the committed state the checks depended on. */
    public record Report(List<EngineException.ConstraintViolation> violations, Set<String> wholeTableReads,
                         Map<String, Set<String>> probedIds) {
        public Report {
            violations = List.copyOf(violations);
            wholeTableReads = Collections.unmodifiableSet(new LinkedHashSet<>(wholeTableReads));
            probedIds = Collections.unmodifiableMap(new TreeMap<>(probedIds));
        }

        public boolean ok() {
            return violations.isEmpty();
        }

        public void throwIfViolated() {
            if (!violations.isEmpty()) {
                throw violations.get(0);
            }
        }
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private Report report() {
        return new Report(violations, wholeTableReads, probed);
    }

    private void violation(String rule, EntityType type, String entityId, String message) {
        violations.add(new EngineException.ConstraintViolation(rule, type.name(), entityId, message));
        if (violations.size() >= maxViolations) {
            throw new Stop();
        }
    }

    private TableImage image(EntityType type) {
        String key = schema.table(type).tableKey();
        return images.computeIfAbsent(key, k -> newImage(k,
                new TableDelta(TableData.empty(schema.table(type)), Set.of(), false)));
    }

    private boolean changed(EntityType type) {
        return images.containsKey(schema.table(type).tableKey());
    }

    private TableImage.BaseProbe prober(EntityType type) {
        String key = schema.table(type).tableKey();
        return new TableImage.BaseProbe() {
            @Override
            public void probed(String id) {
                if (wholeTableReads.contains(key)) {
                    return;
                }
                Set<String> s = probed.computeIfAbsent(key, k -> new HashSet<>());
                s.add(id);
                if (s.size() > MAX_PROBED_IDS) {
                    probed.remove(key);
                    wholeTableReads.add(key);
                }
            }
        };
    }

    private void readWhole(EntityType type) {
        String key = schema.table(type).tableKey();
        wholeTableReads.add(key);
        probed.remove(key);
    }

    // ------------------------------------------------------------------------------------------------ run

    private void run() {
        List<EntityType> order = new ArrayList<>();
        order.addAll(schema.catalog().nodeTypes());
        order.addAll(schema.catalog().edgeTypes());
        for (EntityType t : order) {
            if (!changed(t)) {
                continue;
            }
            TableImage img = image(t);
            values(t, img);
            uniques(t, img);
            if (t instanceof EdgeType e) {
                references(e, img);
            }
        }
        // removed nodes must not leave retained edges dangling
        for (NodeType n : schema.catalog().nodeTypes()) {
            if (!changed(n)) {
                continue;
            }
            TableImage img = image(n);
            if (img.replaceAll() || !img.deletes().isEmpty()) {
                for (EdgeType e : schema.catalog().edgesIncidentTo(n.name())) {
                    danglingRetained(e, n);
                }
            }
        }
        for (EdgeType e : schema.catalog().edgeTypes()) {
            if (changed(e) && !e.cardinality().isDefault()) {
                cardinality(e, image(e));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ values

    private void values(EntityType t, TableImage img) {
        TableData rows = img.upserts();
        if (rows.rowCount() == 0) {
            return;
        }
        Map<String, List<ConstraintDef.Range>> ranges = new LinkedHashMap<>();
        Map<String, List<ConstraintDef.Check>> checks = new LinkedHashMap<>();
        for (ConstraintDef c : t.constraints()) {
            if (c instanceof ConstraintDef.Range r) {
                ranges.computeIfAbsent(r.property(), k -> new ArrayList<>()).add(r);
            } else if (c instanceof ConstraintDef.Check ch) {
                checks.computeIfAbsent(ch.property(), k -> new ArrayList<>()).add(ch);
            }
        }
        StringColumn ids = rows.ids();
        for (PropertyDef p : t.properties()) {
            PropType type = p.type();
            boolean isEnum = type.isEnum();
            List<ConstraintDef.Range> rs = type.list() ? List.of() : ranges.getOrDefault(p.name(), List.of());
            List<ConstraintDef.Check> cs = type.list() ? List.of() : checks.getOrDefault(p.name(), List.of());
            if (!isEnum && rs.isEmpty() && cs.isEmpty()) {
                continue;
            }
            Column col = rows.column(p.name());
            for (int r = 0; r < rows.rowCount(); r++) {
                if (col.isNull(r)) {
                    continue;
                }
                Value v = Cells.read(col, r, type);
                if (isEnum) {
                    List<Value> items = v instanceof Value.Array a ? a.items() : List.of(v);
                    for (Value item : items) {
                        String s = ((Value.Text) item).value();
                        if (!type.enumValues().contains(s)) {
                            violation("enum", t, ids.getString(r), "invalid enum value '" + s + "' for " + t.name() + "."
                                    + p.name() + " (expected: " + String.join(", ", type.enumValues()) + ")");
                        }
                    }
                }
                for (ConstraintDef.Range range : rs) {
                    range(t, p, range, v, ids.getString(r));
                }
                for (ConstraintDef.Check check : cs) {
                    String s = ((Value.Text) v).value();
                    if (!pattern(t, p, check).matcher(s).find()) {
                        violation("check", t, ids.getString(r), "@check violation on " + t.name() + "." + p.name()
                                + ": value '" + s + "' does not match pattern '" + check.pattern() + "'");
                    }
                }
            }
        }
    }

    private void range(EntityType t, PropertyDef p, ConstraintDef.Range range, Value v, String id) {
        double d;
        String shown;
        switch (v) {
            case Value.Int i -> {
                d = i.value();
                shown = Long.toString(i.value());
            }
            case Value.Real r -> {
                d = r.value();
                shown = Double.isFinite(d) ? FloatFormat.display(d) : Double.toString(d);
            }
            default -> {
                return;
            }
        }
        String where = "@range violation on " + t.name() + "." + p.name() + ": ";
        if (Double.isNaN(d)) {
            violation("range", t, id, where + "value is NaN");
            return;
        }
        Optional<BigDecimal> min = range.min();
        Optional<BigDecimal> max = range.max();
        if (min.isPresent() && d < min.get().doubleValue()) {
            violation("range", t, id, where + "value " + shown + " < min " + min.get().toPlainString());
        } else if (max.isPresent() && d > max.get().doubleValue()) {
            violation("range", t, id, where + "value " + shown + " > max " + max.get().toPlainString());
        }
    }

    private Pattern pattern(EntityType t, PropertyDef p, ConstraintDef.Check check) {
        Pattern cached = PATTERNS.get(check.pattern());
        if (cached != null) {
            return cached;
        }
        try {
            Pattern compiled = Pattern.compile(check.pattern());
            PATTERNS.put(check.pattern(), compiled);
            return compiled;
        } catch (PatternSyntaxException e) {
            throw new EngineException.ConstraintViolation("check", t.name(), null, "@check on " + t.name() + "."
                    + p.name() + " has an invalid pattern '" + check.pattern() + "': " + e.getDescription());
        }
    }

    // ------------------------------------------------------------------------------------------------ unique

    private void uniques(EntityType t, TableImage img) {
        List<List<String>> uniques = t.uniques();
        if (uniques.isEmpty() || img.upserts().rowCount() == 0) {
            return;
        }
        TableData rows = img.upserts();
        for (List<String> members : uniques) {
            Map<List<Value>, String> held = new HashMap<>();
            List<List<Value>> tuples = new ArrayList<>(rows.rowCount());
            for (int r = 0; r < rows.rowCount(); r++) {
                List<Value> tuple = tuple(t, rows, r, members);
                tuples.add(tuple);
                if (tuple == null) {
                    continue;
                }
                String id = rows.ids().getString(r);
                String other = held.putIfAbsent(tuple, id);
                if (other != null) {
                    violation("unique", t, id, uniqueMessage(t, members, tuple, other, id));
                }
            }
            if (img.replaceAll()) {
                continue;
            }
            readWhole(t);
            TableData base = img.base();
            for (int r = 0; r < base.rowCount(); r++) {
                if (!img.retained(r)) {
                    continue;
                }
                List<Value> tuple = tuple(t, base, r, members);
                if (tuple == null) {
                    continue;
                }
                String newId = held.get(tuple);
                if (newId != null) {
                    violation("unique", t, newId, uniqueMessage(t, members, tuple, base.ids().getString(r), newId));
                }
            }
        }
    }

    private static List<Value> tuple(EntityType t, TableData rows, int r, List<String> members) {
        List<Value> out = new ArrayList<>(members.size());
        for (String m : members) {
            Value v;
            if (m.equals("src") || m.equals("dst")) {
                StringColumn c = (StringColumn) rows.column(m);
                v = c.isNull(r) ? Value.NULL : new Value.Text(c.getString(r));
            } else {
                PropertyDef p = t.property(m).orElseThrow();
                v = Cells.read(rows.column(m), r, p.type());
            }
            if (v.isNull()) {
                return null;
            }
            out.add(v);
        }
        return out;
    }

    private static String uniqueMessage(EntityType t, List<String> members, List<Value> tuple, String first, String second) {
        String cols = members.size() == 1 ? members.get(0) : "(" + String.join(", ", members) + ")";
        List<String> vals = tuple.stream().map(IntegrityEvaluator::render).toList();
        String value = vals.size() == 1 ? vals.get(0) : "(" + String.join(", ", vals) + ")";
        return "@unique violation on " + t.name() + "." + cols + ": value '" + value + "' held by '" + first + "' and '"
                + second + "'";
    }

    private static String render(Value v) {
        return switch (v) {
            case Value.Real r -> Double.isFinite(r.value()) ? FloatFormat.display(r.value()) : Double.toString(r.value());
            default -> v.toString();
        };
    }

    // ------------------------------------------------------------------------------------------------ references

    private void references(EdgeType e, TableImage img) {
        TableData rows = img.upserts();
        if (rows.rowCount() == 0) {
            return;
        }
        NodeType from = schema.catalog().nodeType(e.from()).orElseThrow();
        NodeType to = schema.catalog().nodeType(e.to()).orElseThrow();
        TableImage fromImg = image(from);
        TableImage toImg = image(to);
        TableImage.BaseProbe fromProbe = prober(from);
        TableImage.BaseProbe toProbe = prober(to);
        StringColumn src = (StringColumn) rows.column("src");
        StringColumn dst = (StringColumn) rows.column("dst");
        prefetchEndpoints(fromImg, src, toImg, dst);
        if (src instanceof DictStringColumn ds && !ds.hasNulls() && dst instanceof DictStringColumn dd && !dd.hasNulls()) {
            // dictionary-encoded endpoints (bulk loads: 2.4M edges over 100K nodes): each distinct id is looked up
            // once, memoised per dictionary code, in the same row order as the plain path below
            int[] sc = ds.rawCodes();
            int[] dc = dd.rawCodes();
            byte[] srcState = new byte[ds.dictionary().size()];
            byte[] dstState = new byte[dd.dictionary().size()];
            for (int r = 0; r < rows.rowCount(); r++) {
                if (!member(srcState, sc[r], ds.dictionary(), fromImg, fromProbe)) {
                    violation("reference", e, rows.ids().getString(r), "src '" + src.getString(r) + "' not found in " + from.name());
                }
                if (!member(dstState, dc[r], dd.dictionary(), toImg, toProbe)) {
                    violation("reference", e, rows.ids().getString(r), "dst '" + dst.getString(r) + "' not found in " + to.name());
                }
            }
            return;
        }
        for (int r = 0; r < rows.rowCount(); r++) {
            if (!fromImg.contains(src, r, fromProbe)) {
                violation("reference", e, rows.ids().getString(r), "src '" + src.getString(r) + "' not found in " + from.name());
            }
            if (!toImg.contains(dst, r, toProbe)) {
                violation("reference", e, rows.ids().getString(r), "dst '" + dst.getString(r) + "' not found in " + to.name());
            }
        }
    }

    /** Endpoint id sets beyond this size are checked against the whole committed table (no point lookup). */
    static final int MAX_LOOKUP_IDS = 10_000;

    /** Point-lookup the endpoint ids of written edges in the committed endpoint tables (fewer segment reads). */
    private static void prefetchEndpoints(TableImage fromImg, StringColumn src, TableImage toImg, StringColumn dst) {
        Set<String> s = distinct(src);
        Set<String> d = distinct(dst);
        if (s == null || d == null) {
            return;
        }
        if (fromImg == toImg) {
            Set<String> both = new HashSet<>(s);
            both.addAll(d);
            if (both.size() <= MAX_LOOKUP_IDS) {
                fromImg.prefetch(both);
            }
            return;
        }
        // both endpoint tables in one round trip
        io.omnigraph.storage.Parallel.all(List.<java.util.function.Supplier<Boolean>>of(
                () -> fromImg.prefetch(s), () -> toImg.prefetch(d)));
    }

    /** The distinct non-null values of a column, or null when there are more than {@link #MAX_LOOKUP_IDS}. */
    private static Set<String> distinct(StringColumn c) {
        if (c instanceof DictStringColumn dc) {
            if (dc.dictionary().size() > MAX_LOOKUP_IDS) {
                return null;
            }
            c = dc.dictionary(); // a superset of the values the rows use
        }
        Set<String> out = new HashSet<>();
        for (int r = 0; r < c.size(); r++) {
            String v = c.getString(r);
            if (v != null) {
                out.add(v);
                if (out.size() > MAX_LOOKUP_IDS) {
                    return null;
                }
            }
        }
        return out;
    }

    /** Membership of dictionary value {@code code}, memoised in {@code state} (0 unknown, 1 member, 2 not). */
    private static boolean member(byte[] state, int code, Utf8Column dict, TableImage img, TableImage.BaseProbe probe) {
        byte st = state[code];
        if (st == 0) {
            st = img.contains(dict, code, probe) ? (byte) 1 : (byte) 2;
            state[code] = st;
        }
        return st == 1;
    }

    /** Retained edges of {@code e} whose endpoint in node type {@code n} the write removes. */
    private void danglingRetained(EdgeType e, NodeType n) {
        TableImage edges = image(e);
        TableImage nodes = image(n);
        if (edges.replaceAll()) {
            return; // every surviving edge is a written edge, already checked
        }
        TableData base = edges.base();
        readWhole(e);
        if (base.rowCount() == 0) {
            return;
        }
        TableImage.BaseProbe none = id -> { };
        StringColumn src = (StringColumn) base.column("src");
        StringColumn dst = (StringColumn) base.column("dst");
        for (int r = 0; r < base.rowCount(); r++) {
            if (!edges.retained(r)) {
                continue;
            }
            if (e.from().equals(n.name()) && removed(nodes, src, r) && !nodes.contains(src, r, none)) {
                violation("reference", e, base.ids().getString(r), "src '" + src.getString(r) + "' not found in " + n.name());
            }
            if (e.to().equals(n.name()) && removed(nodes, dst, r) && !nodes.contains(dst, r, none)) {
                violation("reference", e, base.ids().getString(r), "dst '" + dst.getString(r) + "' not found in " + n.name());
            }
        }
    }

    private static boolean removed(TableImage nodes, StringColumn col, int r) {
        return nodes.replaceAll() || nodes.deletes().contains(col.getString(r));
    }

    // ------------------------------------------------------------------------------------------------ cardinality

    private void cardinality(EdgeType e, TableImage img) {
        CardinalityDef card = e.cardinality();
        NodeType from = schema.catalog().nodeType(e.from()).orElseThrow();
        TableImage sources = image(from);
        TableData rows = img.upserts();
        StringColumn newSrc = (StringColumn) rows.column("src");
        Set<String> touched = new LinkedHashSet<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            touched.add(newSrc.getString(r));
        }
        readWhole(e);
        TableData base = img.base();
        StringColumn baseSrc = (StringColumn) base.column("src");
        Map<String, Long> counts = new HashMap<>();
        for (int r = 0; r < base.rowCount(); r++) {
            boolean kept = img.retained(r);
            if (!kept) {
                touched.add(baseSrc.getString(r)); // deleted or moved edge: its old source is touched
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        for (int r = 0; r < base.rowCount(); r++) {
            if (img.retained(r)) {
                String s = baseSrc.getString(r);
                if (touched.contains(s)) {
                    counts.merge(s, 1L, Long::sum);
                }
            }
        }
        for (int r = 0; r < rows.rowCount(); r++) {
            counts.merge(newSrc.getString(r), 1L, Long::sum);
        }
        TableImage.BaseProbe probe = prober(from);
        for (String s : touched) {
            if (!sources.contains(s, probe)) {
                continue; // the source itself is removed (or dangling, reported as a reference error)
            }
            long n = counts.getOrDefault(s, 0L);
            if (card.max().isPresent() && n > card.max().getAsLong()) {
                violation("cardinality", e, null, "@card violation on edge " + e.name() + ": source '" + s + "' has " + n
                        + " edges (max " + card.max().getAsLong() + ")");
            } else if (n < card.min()) {
                violation("cardinality", e, null, "@card violation on edge " + e.name() + ": source '" + s + "' has " + n
                        + " edges (min " + card.min() + ")");
            }
        }
    }
}
