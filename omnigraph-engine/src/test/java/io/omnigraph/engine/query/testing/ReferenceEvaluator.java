package io.omnigraph.engine.query.testing;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.query.ir.Direction;
import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.Projection;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.query.ir.VarKind;
import io.omnigraph.compiler.query.ir.Variable;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.query.ColumnValues;
import io.omnigraph.engine.query.GraphSource;
import io.omnigraph.engine.table.TableData;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately simple evaluator of read queries, used as the correctness oracle of the executor: every variable
 * ranges over every row of its table (nested loops, no indexes, no join order), every clause is a predicate over a
 * complete assignment, reachability is the literal BFS of languages.md §2.4 from the traversal's source, values are
 * boxed and numbers are compared as {@link BigDecimal}. It shares no evaluation code with the executor.
 */
public final class ReferenceEvaluator {
    private final GraphSource graph;
    private final Catalog catalog;
    private final Map<String, Value> params;
    private final long now;
    private final Map<String, List<Entity>> rowsByType = new HashMap<>();

    /** One node or edge with its properties. */
    record Entity(EntityType type, String id, String src, String dst, Map<String, Value> props) {
    }

    public ReferenceEvaluator(GraphSource graph, Map<String, Value> params, long now) {
        this.graph = graph;
        this.catalog = graph.catalog();
        this.params = params;
        this.now = now;
    }

    private List<Entity> rows(EntityType t) {
        return rowsByType.computeIfAbsent(t.tableKey(), k -> {
            TableData data = graph.table(t);
            List<Entity> out = new ArrayList<>();
            for (int r = 0; r < data.rowCount(); r++) {
                Map<String, Value> props = new HashMap<>();
                for (PropertyDef p : t.properties()) {
                    props.put(p.name(), ColumnValues.valueAt(graph.column(t, p), p.type(), r));
                }
                String src = t instanceof EdgeType ? (String) data.column("src").get(r) : null;
                String dst = t instanceof EdgeType ? (String) data.column("dst").get(r) : null;
                out.add(new Entity(t, data.ids().getString(r), src, dst, props));
            }
            return out;
        });
    }

    /** The result rows (unlimited when {@code ignoreLimit}). */
    public List<List<Value>> run(ReadQuery q, boolean ignoreLimit) {
        List<Map<String, Entity>> envs = block(q.match(), List.of(new LinkedHashMap<>()));
        List<List<Value>> out;
        if (q.isAggregate()) {
            out = aggregate(q, envs);
            if (!q.ordering().keys().isEmpty()) {
                List<String> names = q.columns();
                Comparator<List<Value>> cmp = (a, b) -> 0;
                for (Ordering.SortKey k : q.ordering().keys()) {
                    int idx = names.indexOf(k.column().orElseThrow());
                    cmp = cmp.thenComparing((a, b) -> order(a.get(idx), b.get(idx), k.descending()));
                }
                out.sort(cmp);
            }
        } else {
            if (!q.ordering().keys().isEmpty()) {
                Comparator<Map<String, Entity>> cmp = (a, b) -> 0;
                for (Ordering.SortKey k : q.ordering().keys()) {
                    cmp = cmp.thenComparing((a, b) -> order(eval(k.expr(), a), eval(k.expr(), b), k.descending()));
                }
                for (String col : q.ordering().tieBreakColumns()) {
                    String var = col.substring(0, col.length() - 3);
                    cmp = cmp.thenComparing((a, b) -> bytes(a.get(var).id()).compareTo(bytes(b.get(var).id())));
                }
                envs = new ArrayList<>(envs);
                envs.sort(cmp);
            }
            out = new ArrayList<>();
            for (Map<String, Entity> env : envs) {
                List<Value> row = new ArrayList<>();
                for (Projection p : q.projections()) {
                    row.add(eval(p.expr(), env));
                }
                out.add(row);
            }
        }
        if (!ignoreLimit && q.limit().isPresent() && q.limit().getAsLong() < out.size()) {
            out = new ArrayList<>(out.subList(0, (int) q.limit().getAsLong()));
        }
        return out;
    }

    private static String bytes(String s) {
        // compare by code point (= UTF-8 byte order) through an explicit code point string
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(String.format("%08x", cp)));
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ match

    private List<Map<String, Entity>> block(MatchBlock b, List<Map<String, Entity>> inputs) {
        List<Map<String, Entity>> envs = inputs;
        for (Variable v : b.variables()) {
            EntityType t = v.kind() == VarKind.NODE ? catalog.nodeType(v.typeName()).orElseThrow()
                    : catalog.edgeType(v.typeName()).orElseThrow();
            List<Map<String, Entity>> next = new ArrayList<>();
            for (Map<String, Entity> env : envs) {
                for (Entity e : rows(t)) {
                    Map<String, Entity> m = new LinkedHashMap<>(env);
                    m.put(v.name(), e);
                    next.add(m);
                }
            }
            envs = next;
        }
        List<Map<String, Entity>> out = new ArrayList<>();
        for (Map<String, Entity> env : envs) {
            if (holds(b, env)) {
                out.add(env);
            }
        }
        return out;
    }

    private boolean holds(MatchBlock b, Map<String, Entity> env) {
        for (MatchBlock.Binding bind : b.bindings()) {
            for (MatchBlock.Predicate p : bind.predicates()) {
                Value left = env.get(bind.var()).props().get(p.property().name());
                if (!compare(left, p.op(), eval(p.value(), env))) {
                    return false;
                }
            }
        }
        for (MatchBlock.Traversal t : b.traversals()) {
            if (!connected(t, env)) {
                return false;
            }
        }
        for (MatchBlock.Filter f : b.filters()) {
            if (!compare(eval(f.left(), env), f.op(), eval(f.right(), env))) {
                return false;
            }
        }
        for (MatchBlock n : b.negations()) {
            if (!block(n, List.of(env)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private boolean connected(MatchBlock.Traversal t, Map<String, Entity> env) {
        Entity s = env.get(t.src());
        Entity d = env.get(t.dst());
        if (t.edgeVar().isPresent()) {
            Entity e = env.get(t.edgeVar().get());
            boolean out = e.src().equals(s.id()) && e.dst().equals(d.id());
            boolean in = e.dst().equals(s.id()) && e.src().equals(d.id());
            return switch (t.direction()) {
                case OUT -> out;
                case IN -> in;
                case BOTH -> out || in;
            };
        }
        return reach(t, s.id()).contains(d.id());
    }

    /** The BFS of spec §2.4, literally. */
    private Set<String> reach(MatchBlock.Traversal t, String source) {
        EdgeType edge = t.edge();
        boolean sameType = edge.from().equals(edge.to());
        Set<String> fromIds = ids(catalog.nodeType(edge.from()).orElseThrow());
        Set<String> toIds = ids(catalog.nodeType(edge.to()).orElseThrow());
        long max = sameType ? t.maxHops() : Math.min(t.maxHops(), 1);
        Set<String> visited = new HashSet<>();
        if (sameType) {
            visited.add(source);
        }
        List<String> frontier = List.of(source);
        Set<String> emitted = new LinkedHashSet<>();
        for (long hop = 1; hop <= max; hop++) {
            List<String> next = new ArrayList<>();
            for (String node : frontier) {
                for (String n : neighbours(edge, t.direction(), node, fromIds, toIds)) {
                    if (sameType && n.equals(node)) {
                        if (hop >= t.minHops()) {
                            emitted.add(n);
                        }
                    } else if (!sameType || !visited.contains(n)) {
                        visited.add(n);
                        next.add(n);
                        if (hop >= t.minHops()) {
                            emitted.add(n);
                        }
                    }
                }
            }
            frontier = next;
        }
        return emitted;
    }

    private Set<String> ids(NodeType t) {
        Set<String> s = new HashSet<>();
        rows(t).forEach(e -> s.add(e.id()));
        return s;
    }

    private List<String> neighbours(EdgeType edge, Direction dir, String node, Set<String> fromIds, Set<String> toIds) {
        List<String> out = new ArrayList<>();
        for (Entity e : rows(edge)) {
            if (!fromIds.contains(e.src()) || !toIds.contains(e.dst())) {
                continue; // dangling edges are not part of the graph
            }
            if ((dir == Direction.OUT || dir == Direction.BOTH) && e.src().equals(node)) {
                out.add(e.dst());
            }
            if ((dir == Direction.IN || dir == Direction.BOTH) && e.dst().equals(node)) {
                out.add(e.src());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ values

    private Value eval(TypedExpr e, Map<String, Entity> env) {
        return switch (e) {
            case TypedExpr.PropRef r -> env.get(r.var()).props().get(r.property().name());
            case TypedExpr.NodeIdRef n -> new Value.Text(env.get(n.var()).id());
            case TypedExpr.ParamRef p -> params.getOrDefault(p.name(), Value.NULL);
            case TypedExpr.Literal l -> l.value();
            case TypedExpr.Now n -> new Value.DateTime(now);
            default -> throw new IllegalArgumentException("reference evaluator does not support " + e);
        };
    }

    static BigDecimal number(Value v) {
        return switch (v) {
            case Value.Int i -> BigDecimal.valueOf(i.value());
            case Value.Real r -> new BigDecimal(r.value());
            case Value.Bool b -> BigDecimal.valueOf(b.value() ? 1 : 0);
            case Value.Date d -> BigDecimal.valueOf(d.epochDay());
            case Value.DateTime d -> BigDecimal.valueOf(d.epochMillis());
            default -> null;
        };
    }

    /** Natural order of two non-null comparable values. */
    static int natural(Value a, Value b) {
        if (a instanceof Value.Text x && b instanceof Value.Text y) {
            return Arrays.compareUnsigned(x.value().getBytes(StandardCharsets.UTF_8), y.value().getBytes(StandardCharsets.UTF_8));
        }
        return number(a).compareTo(number(b));
    }

    private static boolean equalValues(Value a, Value b) {
        return natural(a, b) == 0;
    }

    static boolean compare(Value l, CompareOp op, Value r) {
        if (l.isNull() || r.isNull()) {
            return false;
        }
        return switch (op) {
            case EQ -> equalValues(l, r);
            case NE -> !equalValues(l, r);
            case LT -> natural(l, r) < 0;
            case LE -> natural(l, r) <= 0;
            case GT -> natural(l, r) > 0;
            case GE -> natural(l, r) >= 0;
            case CONTAINS -> l instanceof Value.Array a ? a.items().stream().anyMatch(x -> equalValues(x, r))
                    : ((Value.Text) l).value().contains(((Value.Text) r).value());
            case STARTS_WITH -> ((Value.Text) l).value().startsWith(((Value.Text) r).value());
        };
    }

    private static int order(Value a, Value b, boolean desc) {
        if (a.isNull() || b.isNull()) {
            if (a.isNull() && b.isNull()) {
                return 0;
            }
            return a.isNull() ? (desc ? 1 : -1) : (desc ? -1 : 1);
        }
        int c = natural(a, b);
        return desc ? -c : c;
    }

    // ------------------------------------------------------------------------------------------------ aggregates

    private List<List<Value>> aggregate(ReadQuery q, List<Map<String, Entity>> envs) {
        List<Projection> ps = q.projections();
        Map<List<Value>, List<Map<String, Entity>>> groups = new LinkedHashMap<>();
        for (Map<String, Entity> env : envs) {
            List<Value> key = new ArrayList<>();
            for (Projection p : ps) {
                if (!p.aggregate()) {
                    key.add(eval(p.expr(), env));
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(env);
        }
        if (groups.isEmpty() && ps.stream().allMatch(Projection::aggregate)) {
            groups.put(List.of(), List.of());
        }
        List<List<Value>> out = new ArrayList<>();
        for (Map.Entry<List<Value>, List<Map<String, Entity>>> g : groups.entrySet()) {
            List<Value> row = new ArrayList<>();
            int k = 0;
            for (Projection p : ps) {
                if (!p.aggregate()) {
                    row.add(g.getKey().get(k++));
                    continue;
                }
                TypedExpr.Aggregate a = (TypedExpr.Aggregate) p.expr();
                List<Value> vals = new ArrayList<>();
                for (Map<String, Entity> env : g.getValue()) {
                    Value v = eval(a.arg(), env);
                    if (!v.isNull()) {
                        vals.add(v);
                    }
                }
                row.add(switch (a.fn()) {
                    case COUNT -> new Value.Int(vals.size());
                    case SUM -> vals.isEmpty() ? Value.NULL
                            : new Value.Real(vals.stream().map(ReferenceEvaluator::number).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue());
                    case AVG -> vals.isEmpty() ? Value.NULL : new Value.Real(vals.stream().map(ReferenceEvaluator::number)
                            .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(vals.size()), java.math.MathContext.DECIMAL128)
                            .doubleValue());
                    case MIN -> vals.stream().min(ReferenceEvaluator::natural).orElse(Value.NULL);
                    case MAX -> vals.stream().max(ReferenceEvaluator::natural).orElse(Value.NULL);
                });
            }
            out.add(row);
        }
        return out;
    }
}
