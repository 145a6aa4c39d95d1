package io.omnigraph.compiler.query.check;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostics;
import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.diag.Suggestions;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.query.ast.QueryAst.Aggregate;
import io.omnigraph.compiler.query.ast.QueryAst.AliasRef;
import io.omnigraph.compiler.query.ast.QueryAst.Assign;
import io.omnigraph.compiler.query.ast.QueryAst.Clause;
import io.omnigraph.compiler.query.ast.QueryAst.Expr;
import io.omnigraph.compiler.query.ast.QueryAst.Literal;
import io.omnigraph.compiler.query.ast.QueryAst.Mutation;
import io.omnigraph.compiler.query.ast.QueryAst.MutationPredicate;
import io.omnigraph.compiler.query.ast.QueryAst.Nearest;
import io.omnigraph.compiler.query.ast.QueryAst.Now;
import io.omnigraph.compiler.query.ast.QueryAst.PropAccess;
import io.omnigraph.compiler.query.ast.QueryAst.QueryDecl;
import io.omnigraph.compiler.query.ast.QueryAst.Rrf;
import io.omnigraph.compiler.query.ast.QueryAst.TextCall;
import io.omnigraph.compiler.query.ast.QueryAst.TextFn;
import io.omnigraph.compiler.query.ast.QueryAst.Var;
import io.omnigraph.compiler.query.ast.QueryAst.VarRef;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.query.ir.Direction;
import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.compiler.query.ir.MutationOp;
import io.omnigraph.compiler.query.ir.MutationQuery;
import io.omnigraph.compiler.query.ir.OperationDescriptor;
import io.omnigraph.compiler.query.ir.OperationDescriptor.TypeRef;
import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.ParamSpec;
import io.omnigraph.compiler.query.ir.Projection;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.RankExpr;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.query.ir.TypedExpr.PropRef;
import io.omnigraph.compiler.query.ir.VarKind;
import io.omnigraph.compiler.query.ir.Variable;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Dates;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueErrorCode;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Typechecks one query declaration against a catalog (spec §2.3–§2.8) and lowers it to the executor IR.
 * Checking is sequential in source order: a variable must be bound by an earlier clause before it is used.
 * Errors are collected (cascading errors from an already-failed variable or expression are suppressed).
 */
public final class TypeChecker {
    /** Parameter name reserved by the original for the injected clock. */
    public static final String RESERVED_PARAM = "__nanograph_now";
    private static final long DEFAULT_RRF_K = 60;

    private final Catalog catalog;
    private final Diagnostics d;
    private final QueryDecl q;
    private final Map<String, ParamSpec> params = new LinkedHashMap<>();
    private final Set<TypeRef> reads = new TreeSet<>();
    private final Set<TypeRef> writes = new TreeSet<>();
    private boolean usesNow;
    private int anonymous;

    /** A variable in scope. {@code poisoned}: its binding failed; uses are not reported again. */
    private record VarInfo(String name, VarKind kind, NodeType node, EdgeType edge, boolean poisoned) {
        String typeName() {
            return kind == VarKind.NODE ? (node == null ? "?" : node.name()) : (edge == null ? "?" : edge.name());
        }
    }

    /** A match block under construction. */
    private static final class Block {
        final Block parent;
        final Map<String, VarInfo> vars = new LinkedHashMap<>();
        final List<Variable> variables = new ArrayList<>();
        final Map<String, List<MatchBlock.Predicate>> bindings = new LinkedHashMap<>();
        final Map<String, NodeType> bindingTypes = new HashMap<>();
        final List<MatchBlock.Traversal> traversals = new ArrayList<>();
        final List<MatchBlock.Filter> filters = new ArrayList<>();
        final List<MatchBlock> negations = new ArrayList<>();
        final Set<String> outerRefs = new LinkedHashSet<>();

        Block(Block parent) {
            this.parent = parent;
        }

        VarInfo lookup(String name) {
            VarInfo v = vars.get(name);
            if (v != null || parent == null) {
                return v;
            }
            VarInfo outer = parent.lookup(name);
            if (outer != null) {
                outerRefs.add(name);
            }
            return outer;
        }

        MatchBlock build() {
            List<MatchBlock.Binding> bs = new ArrayList<>();
            bindings.forEach((v, preds) -> bs.add(new MatchBlock.Binding(v, bindingTypes.get(v), preds)));
            return new MatchBlock(variables, bs, traversals, filters, negations, outerRefs);
        }
    }

    private TypeChecker(Catalog catalog, SourceText source, QueryDecl q) {
        this.catalog = catalog;
        this.d = new Diagnostics(source);
        this.q = q;
    }

    /**
     * Typechecks a query.
     *
     * @throws io.omnigraph.compiler.diag.CompileException with every type error found
     */
    public static QueryPlan check(QueryDecl q, Catalog catalog, SourceText source) {
        return new TypeChecker(catalog, source, q).run();
    }

    /**
     * Resolves the declared parameters only (no catalog needed).
     *
     * @throws io.omnigraph.compiler.diag.CompileException for reserved names and unknown parameter types
     */
    public static List<ParamSpec> params(QueryDecl q, SourceText source) {
        TypeChecker t = new TypeChecker(null, source, q);
        t.declareParams();
        t.d.throwIfErrors();
        return List.copyOf(t.params.values());
    }

    private QueryPlan run() {
        declareParams();
        QueryPlan plan = switch (q.body()) {
            case QueryAst.ReadBody read -> read(read);
            case QueryAst.MutationBody mutation -> mutation(mutation);
        };
        d.throwIfErrors();
        return plan;
    }

    // ------------------------------------------------------------------------------------------------ params

    private void declareParams() {
        for (QueryAst.Param p : q.params()) {
            if (p.name().equals(RESERVED_PARAM)) {
                d.error(CompilerErrorCode.RESERVED_PARAM, p.span(), "parameter name $" + RESERVED_PARAM + " is reserved",
                        "rename the parameter");
                continue;
            }
            PropType type;
            if (p.vectorDim().isPresent()) {
                long dim = p.vectorDim().getAsLong();
                if (dim < 1 || dim > Integer.MAX_VALUE) {
                    d.error(CompilerErrorCode.UNKNOWN_PARAM_TYPE, p.typeSpan(), "vector parameter $" + p.name()
                            + " needs a dimension between 1 and 2147483647, got " + dim);
                    continue;
                }
                type = PropType.vector((int) dim);
            } else {
                Optional<ScalarKind> k = ScalarKind.fromSourceName(p.typeName());
                if (k.isEmpty()) {
                    d.error(CompilerErrorCode.UNKNOWN_PARAM_TYPE, p.typeSpan(), "unknown parameter type '" + p.typeName()
                            + "' for $" + p.name(), "parameter types are String, Bool, I32, I64, U32, U64, F32, F64, Date,"
                            + " DateTime, Blob, Vector(n) and lists [T]; enum parameters are declared as String");
                    continue;
                }
                if (p.list() && k.get() == ScalarKind.BLOB) {
                    d.error(CompilerErrorCode.UNKNOWN_PARAM_TYPE, p.typeSpan(), "lists of Blob are not supported ($" + p.name() + ")");
                    continue;
                }
                type = p.list() ? PropType.listOf(k.get()) : PropType.of(k.get());
            }
            if (p.nullable()) {
                type = type.asNullable();
            }
            params.putIfAbsent(p.name(), new ParamSpec(p.name(), type));
        }
    }

    // ------------------------------------------------------------------------------------------------ read queries

    private QueryPlan read(QueryAst.ReadBody body) {
        Block top = new Block(null);
        for (Clause c : body.match()) {
            clause(c, top);
        }
        List<Projection> projections = projections(body, top);
        Ordering ordering = ordering(body, top, projections);
        MatchBlock match = top.build();
        OperationDescriptor op = new OperationDescriptor(
                projections == null ? List.of() : projections.stream().map(Projection::descriptor).toList(),
                List.copyOf(reads), List.of());
        if (d.hasErrors()) {
            return null;
        }
        return new ReadQuery(q.name(), List.copyOf(params.values()), q.description(), q.instruction(), match, projections,
                ordering, body.limit(), usesNow, op);
    }

    private void clause(Clause c, Block b) {
        switch (c) {
            case QueryAst.Binding binding -> binding(binding, b);
            case QueryAst.Traversal t -> traversal(t, b);
            case QueryAst.Filter f -> filter(f, b);
            case QueryAst.SearchClause s -> {
                TypedExpr.TextMatch m = textMatch(s.call(), b);
                if (m != null) {
                    b.filters.add(new MatchBlock.Filter(m, CompareOp.EQ, new TypedExpr.Literal(Value.bool(true),
                            PropType.of(ScalarKind.BOOL))));
                }
            }
            case QueryAst.Negation n -> {
                Block inner = new Block(b);
                for (Clause ic : n.clauses()) {
                    clause(ic, inner);
                }
                if (inner.outerRefs.isEmpty()) {
                    d.error(CompilerErrorCode.T9, n.span(), "not { … } must reference at least one variable bound outside it",
                            "a negation filters outer rows, e.g. not { $p worksAt $_ }");
                }
                b.negations.add(inner.build());
            }
        }
    }

    private VarInfo introduce(Block b, Var v, VarKind kind, NodeType node, EdgeType edge, boolean poisoned) {
        String name = v.anonymous() ? "_#" + (++anonymous) : v.name();
        VarInfo info = new VarInfo(name, kind, node, edge, poisoned);
        b.vars.put(name, info);
        if (!poisoned) {
            b.variables.add(new Variable(name, kind, info.typeName(), v.anonymous()));
        }
        return info;
    }

    private void binding(QueryAst.Binding bnd, Block b) {
        Optional<NodeType> type = catalog.nodeType(bnd.typeName());
        if (type.isEmpty()) {
            String hint;
            if (catalog.edgeTypeIgnoreCase(bnd.typeName()).isPresent()) {
                hint = bnd.typeName() + " is an edge type; traverse it with $a " + lowerFirst(bnd.typeName()) + " $b";
            } else if (catalog.interfaceType(bnd.typeName()).isPresent()) {
                hint = bnd.typeName() + " is an interface; bind one of the node types implementing it";
            } else {
                hint = Suggestions.didYouMean(bnd.typeName(), catalog.nodeTypes().stream().map(NodeType::name).toList());
            }
            d.error(CompilerErrorCode.T1, bnd.typeSpan(), "unknown node type '" + bnd.typeName() + "'", hint);
            if (!bnd.var().anonymous() && b.lookup(bnd.var().name()) == null) {
                introduce(b, bnd.var(), VarKind.NODE, null, null, true);
            }
            return;
        }
        NodeType t = type.get();
        reads.add(new TypeRef("node", t.name()));
        String name;
        if (bnd.var().anonymous()) {
            name = introduce(b, bnd.var(), VarKind.NODE, t, null, false).name();
        } else {
            VarInfo existing = b.lookup(bnd.var().name());
            if (existing == null) {
                name = introduce(b, bnd.var(), VarKind.NODE, t, null, false).name();
            } else if (existing.poisoned()) {
                return;
            } else if (existing.kind() == VarKind.EDGE) {
                d.error(CompilerErrorCode.T23, bnd.var().span(), "variable " + bnd.var().display()
                        + " is an edge binding and cannot be rebound as a node");
                return;
            } else if (!existing.node().equals(t)) {
                d.error(CompilerErrorCode.REBIND_VARIABLE, bnd.typeSpan(), "variable " + bnd.var().display()
                        + " is already bound to " + existing.typeName() + " and cannot be rebound to " + t.name(),
                        "use a different variable name");
                return;
            } else {
                name = existing.name();
            }
        }
        List<MatchBlock.Predicate> preds = b.bindings.computeIfAbsent(name, k -> new ArrayList<>());
        b.bindingTypes.put(name, t);
        for (QueryAst.PropMatch pm : bnd.props()) {
            Optional<PropertyDef> prop = t.property(pm.property());
            if (prop.isEmpty()) {
                d.error(CompilerErrorCode.T2, pm.propertySpan(), "node type " + t.name() + " has no property '"
                        + pm.property() + "'", Suggestions.didYouMean(pm.property(), propertyNames(t)));
                continue;
            }
            PropertyDef p = prop.get();
            if (p.type().scalar() == ScalarKind.BLOB) {
                d.error(CompilerErrorCode.T3, pm.propertySpan(), "Blob property '" + p.name() + "' cannot be matched");
                continue;
            }
            if (p.type().isVector()) {
                d.error(CompilerErrorCode.T3, pm.propertySpan(), "Vector property '" + p.name()
                        + "' cannot be matched by equality", "rank by similarity with order { nearest($v." + p.name() + ", $q) }");
                continue;
            }
            PropType expected = p.type().element();
            TypedExpr value = matchValue(pm.value(), p, expected, t.name());
            if (value != null) {
                preds.add(new MatchBlock.Predicate(p, p.type().list() ? CompareOp.CONTAINS : CompareOp.EQ, value));
            }
        }
    }

    /** A binding property-match value, checked against the property's scalar (element) type. */
    private TypedExpr matchValue(Expr value, PropertyDef p, PropType expected, String owner) {
        switch (value) {
            case Literal lit -> {
                TypedExpr.Literal l = literal(lit);
                if (l == null) {
                    return null;
                }
                if (l.type().list()) {
                    d.error(CompilerErrorCode.T3, lit.span(), "list equality in a binding is not supported for '" + p.name()
                            + "'", p.type().list() ? "match one element: { " + p.name() + ": \"x\" } means contains"
                            : null);
                    return null;
                }
                if (!expected.compatibleWith(l.type())) {
                    d.error(CompilerErrorCode.T3, lit.span(), "property '" + p.name() + "' expects " + p.type().display()
                            + ", got " + describeLiteral(l), temporalHint(expected, l.type()));
                    return null;
                }
                if (expected.isEnum() && l.value() instanceof Value.Text s && !expected.enumValues().contains(s.value())) {
                    d.error(CompilerErrorCode.T3, lit.span(), "value '" + s.value() + "' for " + owner + "." + p.name()
                            + " expects one of [" + String.join(", ", expected.enumValues()) + "]");
                    return null;
                }
                return l;
            }
            case VarRef ref -> {
                ParamSpec param = paramRef(ref.var(), false);
                if (param == null) {
                    return null;
                }
                if (param.type().list()) {
                    d.error(CompilerErrorCode.T7, ref.span(), "list parameter $" + param.name() + " cannot be matched against '"
                            + p.name() + "'", p.type().list() ? "pass one element: a list property matches by membership" : null);
                    return null;
                }
                if (!expected.compatibleWith(param.type())) {
                    d.error(CompilerErrorCode.T7, ref.span(), "parameter $" + param.name() + " is " + param.type().display()
                            + " but property '" + p.name() + "' is " + p.type().display());
                    return null;
                }
                return new TypedExpr.ParamRef(param.name(), param.type());
            }
            case Now now -> {
                if (expected.scalar() != ScalarKind.DATETIME) {
                    d.error(CompilerErrorCode.T7, now.span(), "now() is a DateTime but property '" + p.name() + "' is "
                            + p.type().display());
                    return null;
                }
                usesNow = true;
                return new TypedExpr.Now();
            }
            default -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, value.span(), "unsupported value in a binding");
                return null;
            }
        }
    }

    private void traversal(QueryAst.Traversal t, Block b) {
        Optional<EdgeType> found = catalog.edgeTypeIgnoreCase(t.edge());
        if (found.isEmpty()) {
            d.error(CompilerErrorCode.T4, t.edgeSpan(), "unknown edge '" + t.edge() + "'",
                    Suggestions.didYouMean(t.edge(), catalog.edgeTypes().stream().map(e -> lowerFirst(e.name())).toList()));
            poisonEndpoints(t, b);
            return;
        }
        EdgeType edge = found.get();
        boolean ok = true;
        if (t.undirected() && !edge.isSymmetric()) {
            d.error(CompilerErrorCode.T22, t.edgeSpan(), "undirected traversal <" + t.edge() + "> needs an edge between one node type, but "
                    + edge.name() + " connects " + edge.from() + " -> " + edge.to(), "write the direction: $a " + t.edge() + " $b");
            ok = false;
        }
        long min = 1;
        long max = 1;
        if (t.bounds().isPresent()) {
            QueryAst.Bounds bounds = t.bounds().get();
            min = bounds.min();
            if (t.edgeVar().isPresent() && !(bounds.min() == 1 && bounds.max().isPresent() && bounds.max().getAsLong() == 1)) {
                d.error(CompilerErrorCode.T23, bounds.span(), "edge binding " + t.edgeVar().get().display()
                        + " allows a single hop only; remove the hop bounds", "bind edges on one hop, or drop the edge binding");
                ok = false;
            } else if (bounds.min() < 1) {
                d.error(CompilerErrorCode.T15, bounds.span(), "hop bounds need a minimum of at least 1, got " + bounds.min());
                ok = false;
            } else if (bounds.max().isEmpty()) {
                d.error(CompilerErrorCode.T15, bounds.span(), "unbounded hop range {" + bounds.min() + ",} is not supported",
                        "give a maximum, e.g. {" + bounds.min() + "," + Math.max(bounds.min(), 3) + "}");
                ok = false;
            } else if (bounds.max().getAsLong() < bounds.min()) {
                d.error(CompilerErrorCode.T15, bounds.span(), "hop bounds {" + bounds.min() + "," + bounds.max().getAsLong()
                        + "} have a maximum below the minimum");
                ok = false;
            } else {
                max = bounds.max().getAsLong();
            }
        }
        // edge binding
        Optional<String> edgeVarName = Optional.empty();
        Var w = t.edgeVar().orElse(null);
        if (w != null && !w.anonymous()) {
            if (w.name().equals(t.src().name()) || w.name().equals(t.dst().name())) {
                d.error(CompilerErrorCode.T23, w.span(), "edge binding " + w.display() + " must differ from both endpoints");
                ok = false;
            } else if (b.lookup(w.name()) != null) {
                d.error(CompilerErrorCode.T23, w.span(), "edge binding " + w.display() + " reuses a bound variable",
                        "use a fresh name for the edge");
                ok = false;
            }
        }
        VarInfo src = endpoint(t.src(), b);
        VarInfo dst = endpoint(t.dst(), b);
        if ((src != null && src.poisoned()) || (dst != null && dst.poisoned())) {
            return;
        }
        if ((src != null && src.kind() == VarKind.EDGE) || (dst != null && dst.kind() == VarKind.EDGE)) {
            Var bad = src != null && src.kind() == VarKind.EDGE ? t.src() : t.dst();
            d.error(CompilerErrorCode.T23, bad.span(), "edge binding " + bad.display() + " cannot be a traversal endpoint");
            return;
        }
        NodeType from = catalog.nodeType(edge.from()).orElseThrow();
        NodeType to = catalog.nodeType(edge.to()).orElseThrow();
        Direction dir;
        NodeType srcType;
        NodeType dstType;
        if (src != null) {
            if (src.node().equals(from)) {
                dir = Direction.OUT;
                srcType = from;
                dstType = to;
            } else if (src.node().equals(to)) {
                dir = Direction.IN;
                srcType = to;
                dstType = from;
            } else {
                d.error(CompilerErrorCode.T5, t.src().span(), t.src().display() + " is a " + src.typeName() + " but "
                        + edge.name() + " connects " + edge.from() + " -> " + edge.to());
                return;
            }
        } else if (dst != null) {
            if (dst.node().equals(to)) {
                dir = Direction.OUT;
                srcType = from;
                dstType = to;
            } else if (dst.node().equals(from)) {
                dir = Direction.IN;
                srcType = to;
                dstType = from;
            } else {
                d.error(CompilerErrorCode.T5, t.dst().span(), t.dst().display() + " is a " + dst.typeName() + " but "
                        + edge.name() + " connects " + edge.from() + " -> " + edge.to());
                return;
            }
        } else {
            dir = Direction.OUT;
            srcType = from;
            dstType = to;
        }
        if (dst != null && !dst.node().equals(dstType)) {
            d.error(CompilerErrorCode.T5, t.dst().span(), t.dst().display() + " is a " + dst.typeName() + " but "
                    + edge.name() + " from " + srcType.name() + " leads to " + dstType.name());
            return;
        }
        if (t.undirected()) {
            dir = Direction.BOTH;
        }
        if (!ok) {
            return;
        }
        String srcName = src != null ? src.name() : introduce(b, t.src(), VarKind.NODE, srcType, null, false).name();
        String dstName = dst != null ? dst.name() : introduce(b, t.dst(), VarKind.NODE, dstType, null, false).name();
        if (w != null && !w.anonymous()) {
            edgeVarName = Optional.of(introduce(b, w, VarKind.EDGE, null, edge, false).name());
        }
        reads.add(new TypeRef("edge", edge.name()));
        reads.add(new TypeRef("node", edge.from()));
        reads.add(new TypeRef("node", edge.to()));
        b.traversals.add(new MatchBlock.Traversal(srcName, srcType, edge, dir, min, max, edgeVarName, dstName, dstType));
    }

    /** A bound endpoint, or null when it is unbound (or anonymous) and will be introduced by the traversal. */
    private VarInfo endpoint(Var v, Block b) {
        if (v.anonymous()) {
            return null;
        }
        return b.lookup(v.name());
    }

    private void poisonEndpoints(QueryAst.Traversal t, Block b) {
        for (Var v : Stream.concat(Stream.of(t.src(), t.dst()), t.edgeVar().stream()).toList()) {
            if (!v.anonymous() && b.lookup(v.name()) == null) {
                introduce(b, v, VarKind.NODE, null, null, true);
            }
        }
    }

    private void filter(QueryAst.Filter f, Block b) {
        CompareOp op = CompareOp.fromSymbol(f.op()).orElseThrow();
        TypedExpr left = operand(f.left(), b);
        TypedExpr right = operand(f.right(), b);
        if (left == null || right == null) {
            return;
        }
        if (left instanceof TypedExpr.TextMatch || right instanceof TypedExpr.TextMatch) {
            TypedExpr other = left instanceof TypedExpr.TextMatch ? right : left;
            TypedExpr match = left instanceof TypedExpr.TextMatch ? left : right;
            if (op == CompareOp.EQ && other instanceof TypedExpr.Literal l && l.value().equals(Value.bool(true))) {
                b.filters.add(new MatchBlock.Filter(match, CompareOp.EQ, other));
            } else {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, f.span(), "a search predicate can only be used on its own",
                        "write search(…) as a clause, or not { search(…) } to exclude matches");
            }
            return;
        }
        String why = comparable(left.type(), op, right.type());
        if (why != null) {
            d.error(CompilerErrorCode.T7, f.span(), why, temporalHint(left.type(), right.type()));
            return;
        }
        b.filters.add(new MatchBlock.Filter(left, op, right));
    }

    /** Null when {@code left op right} typechecks, else the reason. */
    private static String comparable(PropType l, CompareOp op, PropType r) {
        switch (op) {
            case CONTAINS -> {
                if (l.list()) {
                    if (r.list() || !l.element().compatibleWith(r.element())) {
                        return "contains on " + l.display() + " needs a single " + l.element().display() + " value, got " + r.display();
                    }
                    return null;
                }
                if (l.isString() && r.isString()) {
                    return null;
                }
                return "contains needs a list, or two Strings; got " + l.display() + " contains " + r.display();
            }
            case STARTS_WITH -> {
                return l.isString() && r.isString() ? null
                        : "starts_with needs two Strings; got " + l.display() + " starts_with " + r.display();
            }
            default -> {
                if (!l.isComparableScalar() || !r.isComparableScalar()) {
                    PropType bad = l.isComparableScalar() ? r : l;
                    return "cannot compare " + bad.display() + " values with " + op.symbol()
                            + (bad.list() ? "; use contains for list membership" : "");
                }
                if (!l.compatibleWith(r)) {
                    return "cannot compare " + l.display() + " with " + r.display();
                }
                return null;
            }
        }
    }

    /** A filter operand or search argument. */
    private TypedExpr operand(Expr e, Block b) {
        switch (e) {
            case PropAccess pa -> {
                return propRef(pa, b);
            }
            case VarRef ref -> {
                return varValue(ref.var(), b, "compared");
            }
            case Literal lit -> {
                return literal(lit);
            }
            case Now now -> {
                usesNow = true;
                return new TypedExpr.Now();
            }
            case TextCall call when call.fn() != TextFn.BM25 -> {
                return textMatch(call, b);
            }
            case AliasRef a -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, a.span(), a.name().equals("null")
                                ? "there is no null literal" : "'" + a.name() + "' is not a value here (aliases are only visible in order { })",
                        a.name().equals("null") ? "comparisons with NULL are always false; use a nullable parameter or not { }"
                                : "write $var.property, a $parameter or a literal");
                return null;
            }
            case Aggregate a -> {
                d.error(CompilerErrorCode.MISPLACED_AGGREGATE, a.span(), a.fn().sourceName()
                        + "() is only allowed as a top-level projection in return { }");
                return null;
            }
            default -> {
                d.error(CompilerErrorCode.MISPLACED_RANKING, e.span(), "nearest(), bm25() and rrf() can only be used in order { } or return { }");
                return null;
            }
        }
    }

    /** A bare {@code $x} used as a value: bound node → its id; else a declared parameter. */
    private TypedExpr varValue(Var v, Block b, String verb) {
        if (v.anonymous()) {
            d.error(CompilerErrorCode.UNBOUND_VARIABLE, v.span(), "$_ cannot be " + verb);
            return null;
        }
        VarInfo info = b.lookup(v.name());
        if (info != null) {
            if (info.poisoned()) {
                return null;
            }
            if (info.kind() == VarKind.EDGE) {
                d.error(CompilerErrorCode.T23, v.span(), "edge binding " + v.display() + " cannot be used bare",
                        "use one of its properties, e.g. " + v.display() + ".since");
                return null;
            }
            return new TypedExpr.NodeIdRef(info.name());
        }
        ParamSpec p = paramRef(v, false);
        if (p == null) {
            return null;
        }
        if (p.type().scalar() == ScalarKind.BLOB) {
            d.error(CompilerErrorCode.T24, v.span(), "Blob parameter $" + p.name() + " cannot be read in a query");
            return null;
        }
        return new TypedExpr.ParamRef(p.name(), p.type());
    }

    /** A declared parameter, or an error (T14 in mutations, unbound_variable elsewhere). */
    private ParamSpec paramRef(Var v, boolean mutation) {
        ParamSpec p = v.anonymous() ? null : params.get(v.name());
        if (p == null) {
            String hint = "declare it as a parameter: query " + q.name() + "(" + v.display() + ": String)";
            if (mutation) {
                d.error(CompilerErrorCode.T14, v.span(), "variable " + v.display() + " is not a declared parameter", hint);
            } else {
                d.error(CompilerErrorCode.UNBOUND_VARIABLE, v.span(), "variable " + v.display()
                        + " is neither bound by an earlier clause nor a declared parameter", hint);
            }
        }
        return p;
    }

    private PropRef propRef(PropAccess pa, Block b) {
        if (pa.var().anonymous()) {
            d.error(CompilerErrorCode.T6, pa.span(), "$_ has no properties");
            return null;
        }
        VarInfo v = b.lookup(pa.var().name());
        if (v == null) {
            d.error(CompilerErrorCode.T6, pa.var().span(), "variable " + pa.var().display() + " is not bound by an earlier clause",
                    params.containsKey(pa.var().name()) ? "parameters have no properties" : "bind it first, e.g. "
                            + pa.var().display() + ": Type");
            return null;
        }
        if (v.poisoned()) {
            return null;
        }
        EntityType owner = v.kind() == VarKind.NODE ? v.node() : v.edge();
        Optional<PropertyDef> p = owner.property(pa.property());
        if (p.isEmpty()) {
            String hint = Suggestions.didYouMean(pa.property(), propertyNames(owner));
            if (pa.property().equals("id") && v.kind() == VarKind.NODE) {
                hint = "the node id is the bare variable: " + pa.var().display();
            }
            d.error(CompilerErrorCode.T6, pa.propertySpan(), owner.kind().label() + " type " + owner.name() + " has no property '"
                    + pa.property() + "'", hint);
            return null;
        }
        return new PropRef(v.name(), v.kind(), p.get());
    }

    private TypedExpr.TextMatch textMatch(TextCall call, Block b) {
        CompilerErrorCode code = call.fn() == TextFn.MATCH_TEXT ? CompilerErrorCode.T20 : CompilerErrorCode.T19;
        PropRef field = textField(call, b, code);
        TypedExpr query = textQuery(call, b, code);
        Optional<TypedExpr> edits = Optional.empty();
        if (call.fn() == TextFn.FUZZY && call.args().size() > 2) {
            TypedExpr n = operand(call.args().get(2), b);
            if (n == null) {
                return null;
            }
            if (n.type().list() || !n.type().scalar().isInteger()) {
                d.error(code, call.args().get(2).span(), "fuzzy() max_edits must be an integer, got " + n.type().display());
                return null;
            }
            edits = Optional.of(n);
        }
        if (field == null || query == null) {
            return null;
        }
        TypedExpr.TextMatchKind kind = switch (call.fn()) {
            case SEARCH -> TypedExpr.TextMatchKind.SEARCH;
            case FUZZY -> TypedExpr.TextMatchKind.FUZZY;
            default -> TypedExpr.TextMatchKind.MATCH_TEXT;
        };
        return new TypedExpr.TextMatch(kind, field, query, edits);
    }

    /** The first argument of search/fuzzy/match_text/bm25: a String property of a node variable. */
    private PropRef textField(TextCall call, Block b, CompilerErrorCode code) {
        Expr arg = call.args().get(0);
        if (!(arg instanceof PropAccess pa)) {
            d.error(code, arg.span(), call.fn().sourceName() + "() needs a String property as its first argument, e.g. $d.title");
            return null;
        }
        PropRef field = propRef(pa, b);
        if (field == null) {
            return null;
        }
        if (field.varKind() == VarKind.EDGE) {
            d.error(CompilerErrorCode.T23, pa.span(), call.fn().sourceName() + "() cannot search edge binding properties");
            return null;
        }
        if (!field.type().isString()) {
            d.error(code, pa.span(), call.fn().sourceName() + "() needs a String property, " + pa.var().display() + "."
                    + pa.property() + " is " + field.type().display());
            return null;
        }
        return field;
    }

    private TypedExpr textQuery(TextCall call, Block b, CompilerErrorCode code) {
        Expr arg = call.args().get(1);
        TypedExpr q = operand(arg, b);
        if (q == null) {
            return null;
        }
        if (!q.type().isString()) {
            d.error(code, arg.span(), call.fn().sourceName() + "() needs a String query, got " + q.type().display());
            return null;
        }
        return q;
    }

    // ------------------------------------------------------------------------------------------------ return

    private List<Projection> projections(QueryAst.ReadBody body, Block top) {
        List<Projection> out = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        boolean failed = false;
        List<QueryAst.Projection> nonGroupable = new ArrayList<>();
        for (QueryAst.Projection p : body.projections()) {
            TypedExpr e = projectionExpr(p.expr(), top);
            if (e == null) {
                failed = true;
                continue;
            }
            String column = p.alias().orElseGet(() -> defaultColumn(e));
            if (!columns.add(column)) {
                d.error(CompilerErrorCode.DUPLICATE_COLUMN, p.span(), "duplicate result column '" + column + "'",
                        "give one of them an alias: … as other_name");
                failed = true;
                continue;
            }
            boolean agg = e instanceof TypedExpr.Aggregate;
            if (!agg && !(e instanceof PropRef) && !(e instanceof TypedExpr.NodeIdRef)) {
                nonGroupable.add(p);
            }
            out.add(new Projection(column, e, agg));
        }
        if (out.stream().anyMatch(Projection::aggregate)) {
            for (QueryAst.Projection p : nonGroupable) {
                d.error(CompilerErrorCode.T9, p.span(), "in an aggregate query every other projection must be $var.property or $var",
                        "group keys are the projected properties; move constants out of the query");
            }
        }
        return failed ? null : out;
    }

    private TypedExpr projectionExpr(Expr e, Block top) {
        switch (e) {
            case PropAccess pa -> {
                PropRef r = propRef(pa, top);
                if (r != null && r.type().scalar() == ScalarKind.BLOB) {
                    d.error(CompilerErrorCode.T24, pa.span(), "Blob property " + pa.var().display() + "." + pa.property()
                            + " cannot be read in a query", "read blobs with the blob API (omnigraph blob get)");
                    return null;
                }
                return r;
            }
            case VarRef ref -> {
                if (!ref.var().anonymous() && top.lookup(ref.var().name()) == null && !params.containsKey(ref.var().name())
                        && boundInNegation(top, ref.var().name())) {
                    d.error(CompilerErrorCode.UNBOUND_VARIABLE, ref.span(), "variable " + ref.var().display()
                            + " is bound only inside not { } and cannot be returned");
                    return null;
                }
                return varValue(ref.var(), top, "returned");
            }
            case Literal lit -> {
                return literal(lit);
            }
            case Now now -> {
                usesNow = true;
                return new TypedExpr.Now();
            }
            case Aggregate a -> {
                return aggregate(a, top);
            }
            case Nearest n -> {
                RankExpr r = rank(n, top);
                return r == null ? null : new TypedExpr.Score(r);
            }
            case Rrf r -> {
                RankExpr rank = rank(r, top);
                return rank == null ? null : new TypedExpr.Score(rank);
            }
            case TextCall call when call.fn() == TextFn.BM25 -> {
                RankExpr r = rank(call, top);
                return r == null ? null : new TypedExpr.Score(r);
            }
            case TextCall call -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, call.span(), call.fn().sourceName()
                        + "() is a match predicate and cannot be returned", "use it in match { }; return bm25(…) for a score");
                return null;
            }
            case AliasRef a -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, a.span(), "'" + a.name() + "' cannot be returned",
                        a.name().equals("null") ? "there is no null literal" : "return $var.property, $var, a $parameter or a literal");
                return null;
            }
        }
    }

    private static boolean boundInNegation(Block top, String name) {
        return top.negations.stream().anyMatch(n -> n.allVariables().stream().anyMatch(v -> v.name().equals(name)));
    }

    private TypedExpr aggregate(Aggregate a, Block top) {
        Expr arg = a.arg();
        TypedExpr t;
        switch (arg) {
            case PropAccess pa -> {
                t = propRef(pa, top);
                if (t != null && t.type().scalar() == ScalarKind.BLOB) {
                    d.error(CompilerErrorCode.T24, pa.span(), "Blob property " + pa.var().display() + "." + pa.property()
                            + " cannot be aggregated");
                    return null;
                }
            }
            case VarRef ref -> t = varValue(ref.var(), top, "aggregated");
            case Literal lit -> t = literal(lit);
            case Aggregate inner -> {
                d.error(CompilerErrorCode.MISPLACED_AGGREGATE, inner.span(), "aggregates cannot be nested");
                return null;
            }
            default -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, arg.span(), "cannot aggregate this expression",
                        "aggregate $var, $var.property or an edge binding's $w.property");
                return null;
            }
        }
        if (t == null) {
            return null;
        }
        PropType at = t.type();
        return switch (a.fn()) {
            case COUNT -> new TypedExpr.Aggregate(TypedExpr.AggregateFn.COUNT, t, PropType.of(ScalarKind.I64));
            case SUM, AVG -> {
                if (!at.isNumeric()) {
                    d.error(CompilerErrorCode.T8, a.span(), a.fn().sourceName() + "() needs a numeric argument, got " + at.display());
                    yield null;
                }
                yield new TypedExpr.Aggregate(a.fn() == QueryAst.AggFn.SUM ? TypedExpr.AggregateFn.SUM : TypedExpr.AggregateFn.AVG,
                        t, PropType.of(ScalarKind.F64).asNullable());
            }
            case MIN, MAX -> {
                if (!at.isNumeric() && !at.isString()) {
                    d.error(CompilerErrorCode.T8, a.span(), a.fn().sourceName() + "() needs a numeric or String argument, got "
                            + at.display());
                    yield null;
                }
                yield new TypedExpr.Aggregate(a.fn() == QueryAst.AggFn.MIN ? TypedExpr.AggregateFn.MIN : TypedExpr.AggregateFn.MAX,
                        t, at.asNullable());
            }
        };
    }

    private static String defaultColumn(TypedExpr e) {
        return switch (e) {
            case PropRef r -> r.column();
            case TypedExpr.NodeIdRef n -> n.var();
            case TypedExpr.ParamRef p -> p.name();
            case TypedExpr.Literal l -> "literal";
            case TypedExpr.Now n -> "now";
            case TypedExpr.Aggregate a -> switch (a.arg()) {
                case PropRef r -> r.column();
                case TypedExpr.NodeIdRef n -> n.var();
                case TypedExpr.ParamRef p -> p.name();
                default -> a.fn().name().toLowerCase(java.util.Locale.ROOT);
            };
            case TypedExpr.Score s -> switch (s.rank()) {
                case RankExpr.Nearest n -> "nearest";
                case RankExpr.Bm25 b -> "bm25";
                case RankExpr.Rrf r -> "rrf";
            };
            case TypedExpr.TextMatch m -> m.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    // ------------------------------------------------------------------------------------------------ order

    private Ordering ordering(QueryAst.ReadBody body, Block top, List<Projection> projections) {
        List<String> tieBreak = new ArrayList<>();
        boolean aggregate = projections != null && projections.stream().anyMatch(Projection::aggregate);
        if (!aggregate) {
            top.variables.stream().filter(v -> !v.anonymous()).map(Variable::idColumn).sorted(io.omnigraph.compiler.schema.ir.SchemaIR::compareBytes)
                    .forEach(tieBreak::add);
        }
        List<QueryAst.Ordering> items = body.order();
        if (items.isEmpty()) {
            return new Ordering(Optional.empty(), List.of(), tieBreak);
        }
        Expr first = items.get(0).expr();
        if (isRanking(first)) {
            RankExpr rank = rank(first, top);
            if (first instanceof Nearest && body.limit().isEmpty()) {
                d.error(CompilerErrorCode.T17, items.get(0).span(), "order by nearest() needs a limit", "add e.g. limit 10 after order { }");
            }
            if (first instanceof Rrf && body.limit().isEmpty()) {
                d.error(CompilerErrorCode.T21, items.get(0).span(), "order by rrf() needs a limit", "add e.g. limit 10 after order { }");
            }
            for (QueryAst.Ordering later : items.subList(1, items.size())) {
                if (isRanking(later.expr())) {
                    d.error(CompilerErrorCode.MISPLACED_RANKING, later.span(), "only one ranking function is allowed in order { }",
                            "combine rankings with rrf(…)");
                } else if (first instanceof Nearest && later.expr() instanceof AliasRef) {
                    d.error(CompilerErrorCode.T18, later.span(), "ordering by an alias cannot be combined with nearest()");
                }
            }
            return new Ordering(Optional.ofNullable(rank), List.of(), tieBreak);
        }
        List<Ordering.SortKey> keys = new ArrayList<>();
        for (QueryAst.Ordering item : items) {
            Ordering.SortKey key = sortKey(item, top, projections, aggregate);
            if (key != null) {
                keys.add(key);
            }
        }
        return new Ordering(Optional.empty(), keys, tieBreak);
    }

    private static boolean isRanking(Expr e) {
        return e instanceof Nearest || e instanceof Rrf || (e instanceof TextCall c && c.fn() == TextFn.BM25);
    }

    private Ordering.SortKey sortKey(QueryAst.Ordering item, Block top, List<Projection> projections, boolean aggregate) {
        Expr e = item.expr();
        if (isRanking(e)) {
            d.error(CompilerErrorCode.MISPLACED_RANKING, item.span(), "nearest(), bm25() and rrf() must be the first order item",
                    "a ranking defines the whole order; put it first");
            return null;
        }
        switch (e) {
            case AliasRef a -> {
                if (projections == null) {
                    return null;
                }
                Optional<Projection> p = projections.stream().filter(x -> x.column().equals(a.name())).findFirst();
                if (p.isEmpty()) {
                    d.error(CompilerErrorCode.UNKNOWN_ALIAS, a.span(), "unknown alias '" + a.name() + "' in order { }",
                            Suggestions.didYouMean(a.name(), projections.stream().map(Projection::column).toList()));
                    return null;
                }
                if (!p.get().expr().type().isComparableScalar()) {
                    d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, a.span(), "cannot order by " + p.get().expr().type().display()
                            + " column '" + a.name() + "'");
                    return null;
                }
                return new Ordering.SortKey(p.get().expr(), Optional.of(a.name()), item.descending());
            }
            case PropAccess pa -> {
                PropRef r = propRef(pa, top);
                if (r == null) {
                    return null;
                }
                if (r.type().scalar() == ScalarKind.BLOB) {
                    d.error(CompilerErrorCode.T24, pa.span(), "cannot order by Blob property " + pa.var().display() + "." + pa.property());
                    return null;
                }
                if (!r.type().isComparableScalar()) {
                    d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, pa.span(), "cannot order by " + r.type().display()
                            + " property " + pa.var().display() + "." + pa.property());
                    return null;
                }
                return groupKeyOrExpr(r, item, projections, aggregate);
            }
            case VarRef ref -> {
                VarInfo v = ref.var().anonymous() ? null : top.lookup(ref.var().name());
                if (v == null) {
                    d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, ref.span(), "cannot order by " + ref.var().display(),
                            "order by $var.property, a bound $var (its id) or an alias");
                    return null;
                }
                TypedExpr id = varValue(ref.var(), top, "ordered by");
                return id == null ? null : groupKeyOrExpr(id, item, projections, aggregate);
            }
            case Aggregate a -> {
                d.error(CompilerErrorCode.MISPLACED_AGGREGATE, a.span(), "aggregates cannot be used in order { } directly",
                        "alias it in return { … as n } and order by n");
                return null;
            }
            default -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, e.span(), "cannot order by this expression",
                        "order by $var.property, a bound $var or an alias");
                return null;
            }
        }
    }

    private Ordering.SortKey groupKeyOrExpr(TypedExpr expr, QueryAst.Ordering item, List<Projection> projections, boolean aggregate) {
        Optional<Projection> projected = projections == null ? Optional.empty()
                : projections.stream().filter(p -> p.expr().equals(expr)).findFirst();
        if (aggregate && projected.isEmpty()) {
            d.error(CompilerErrorCode.T9, item.span(), "in an aggregate query order { } can only use projected group keys or aliases");
            return null;
        }
        return new Ordering.SortKey(expr, projected.map(Projection::column), item.descending());
    }

    private RankExpr rank(Expr e, Block top) {
        switch (e) {
            case Nearest n -> {
                return nearest(n, top);
            }
            case TextCall call when call.fn() == TextFn.BM25 -> {
                PropRef field = textField(call, top, CompilerErrorCode.T20);
                TypedExpr query = textQuery(call, top, CompilerErrorCode.T20);
                return field == null || query == null ? null : new RankExpr.Bm25(field, query);
            }
            case Rrf r -> {
                RankExpr a = rank(r.first(), top);
                RankExpr b = rank(r.second(), top);
                long k = DEFAULT_RRF_K;
                if (r.k().isPresent()) {
                    Expr ke = r.k().get();
                    if (ke instanceof Literal lit && lit.kind() == QueryAst.LiteralKind.INTEGER && (Long) lit.value() > 0) {
                        k = (Long) lit.value();
                    } else {
                        d.error(CompilerErrorCode.T21, ke.span(), "rrf() k must be a positive integer literal", "the default is 60");
                        return null;
                    }
                }
                if (a == null || b == null) {
                    return null;
                }
                if (!a.var().equals(b.var())) {
                    d.error(CompilerErrorCode.T21, r.span(), "both rrf() arms must rank the same variable, got $" + a.var()
                            + " and $" + b.var());
                    return null;
                }
                return new RankExpr.Rrf(a, b, k);
            }
            default -> {
                d.error(CompilerErrorCode.T21, e.span(), "rrf() arms must be nearest(…) or bm25(…)");
                return null;
            }
        }
    }

    private RankExpr nearest(Nearest n, Block top) {
        PropAccess target = n.target();
        if (target.var().anonymous() || top.lookup(target.var().name()) == null) {
            d.error(CompilerErrorCode.T15, target.var().span(), "nearest() target " + target.var().display() + " is not bound");
            return null;
        }
        VarInfo v = top.lookup(target.var().name());
        if (v.poisoned()) {
            return null;
        }
        if (v.kind() == VarKind.EDGE) {
            d.error(CompilerErrorCode.T23, target.span(), "nearest() cannot rank edge binding " + target.var().display());
            return null;
        }
        PropRef ref = propRef(target, top);
        if (ref == null) {
            return null;
        }
        if (!ref.type().isVector()) {
            d.error(CompilerErrorCode.T15, target.span(), "nearest() needs a Vector property, " + target.var().display() + "."
                    + target.property() + " is " + ref.type().display());
            return null;
        }
        int dim = ref.type().vectorDim();
        Optional<String> model = ref.property().embed().flatMap(em -> em.model());
        Expr qe = n.query();
        if (qe instanceof Literal lit && lit.kind() == QueryAst.LiteralKind.LIST) {
            TypedExpr.Literal l = literal(lit);
            if (l == null) {
                return null;
            }
            if (!l.type().scalar().isNumeric() && !lit.items().isEmpty()) {
                d.error(CompilerErrorCode.T15, lit.span(), "nearest() query vector must be numbers, got " + l.type().display());
                return null;
            }
            if (lit.items().size() != dim) {
                d.error(CompilerErrorCode.T15, lit.span(), "nearest() query has " + lit.items().size() + " dimensions but "
                        + target.var().display() + "." + target.property() + " is Vector(" + dim + ")");
                return null;
            }
            Value vec = Values.coerce(l.value(), PropType.vector(dim), ValueTarget.property("", target.property()));
            return new RankExpr.Nearest(ref, new TypedExpr.Literal(vec, PropType.vector(dim)), false, model);
        }
        TypedExpr q = operand(qe, top);
        if (q == null) {
            return null;
        }
        if (q.type().isVector()) {
            if (q.type().vectorDim() != dim) {
                d.error(CompilerErrorCode.T15, qe.span(), "nearest() query is " + q.type().display() + " but "
                        + target.var().display() + "." + target.property() + " is Vector(" + dim + ")");
                return null;
            }
            return new RankExpr.Nearest(ref, q, false, model);
        }
        if (q.type().isString()) {
            return new RankExpr.Nearest(ref, q, true, model);
        }
        d.error(CompilerErrorCode.T15, qe.span(), "nearest() query must be a Vector(" + dim + ") parameter, a list of " + dim
                + " numbers, or a String to embed; got " + q.type().display());
        return null;
    }

    // ------------------------------------------------------------------------------------------------ literals

    private TypedExpr.Literal literal(Literal lit) {
        switch (lit.kind()) {
            case STRING -> {
                return new TypedExpr.Literal(Value.text((String) lit.value()), PropType.of(ScalarKind.STRING));
            }
            case INTEGER -> {
                return new TypedExpr.Literal(Value.integer((Long) lit.value()), PropType.of(ScalarKind.I64));
            }
            case FLOAT -> {
                return new TypedExpr.Literal(Value.real((Double) lit.value()), PropType.of(ScalarKind.F64));
            }
            case BOOL -> {
                return new TypedExpr.Literal(Value.bool((Boolean) lit.value()), PropType.of(ScalarKind.BOOL));
            }
            case DATE -> {
                Optional<Integer> day = Dates.parseDate((String) lit.value());
                if (day.isEmpty()) {
                    d.error(CompilerErrorCode.INVALID_LITERAL, lit.span(), "invalid date literal " + lit.text(),
                            "write date(\"YYYY-MM-DD\")");
                    return null;
                }
                return new TypedExpr.Literal(new Value.Date(day.get()), PropType.of(ScalarKind.DATE));
            }
            case DATETIME -> {
                Optional<Long> ms = Dates.parseDateTime((String) lit.value());
                if (ms.isEmpty()) {
                    d.error(CompilerErrorCode.INVALID_LITERAL, lit.span(), "invalid datetime literal " + lit.text(),
                            "write datetime(\"2024-01-01T12:00:00Z\")");
                    return null;
                }
                return new TypedExpr.Literal(new Value.DateTime(ms.get()), PropType.of(ScalarKind.DATETIME));
            }
            case LIST -> {
                List<Literal> items = lit.items();
                if (items.isEmpty()) {
                    return new TypedExpr.Literal(new Value.Array(List.of()), PropType.listOf(ScalarKind.STRING));
                }
                List<TypedExpr.Literal> typed = new ArrayList<>();
                for (Literal item : items) {
                    if (item.kind() == QueryAst.LiteralKind.LIST) {
                        d.error(CompilerErrorCode.INVALID_LIST_LITERAL, item.span(), "nested list literals are not supported");
                        return null;
                    }
                    TypedExpr.Literal t = literal(item);
                    if (t == null) {
                        return null;
                    }
                    typed.add(t);
                }
                PropType elem = typed.get(0).type();
                boolean anyFloat = false;
                for (int i = 0; i < typed.size(); i++) {
                    PropType t = typed.get(i).type();
                    if (!t.compatibleWith(elem)) {
                        d.error(CompilerErrorCode.INVALID_LIST_LITERAL, items.get(i).span(), "list literal mixes "
                                + elem.display() + " and " + t.display());
                        return null;
                    }
                    anyFloat |= t.scalar().isFloat();
                }
                List<Value> values = new ArrayList<>();
                for (TypedExpr.Literal t : typed) {
                    values.add(anyFloat && t.value() instanceof Value.Int i ? Value.real(i.value()) : t.value());
                }
                ScalarKind k = anyFloat ? ScalarKind.F64 : elem.scalar();
                return new TypedExpr.Literal(new Value.Array(values), PropType.listOf(k));
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static String describeLiteral(TypedExpr.Literal l) {
        return l.type().display() + " literal " + Values.describe(l.value());
    }

    private static String temporalHint(PropType a, PropType b) {
        boolean aTemporal = a.scalar().isTemporal();
        boolean bTemporal = b.scalar().isTemporal();
        if (aTemporal != bTemporal && (a.scalar() == ScalarKind.STRING || b.scalar() == ScalarKind.STRING)) {
            PropType t = aTemporal ? a : b;
            return t.scalar() == ScalarKind.DATE ? "write dates as date(\"YYYY-MM-DD\") or use a Date parameter"
                    : "write timestamps as datetime(\"2024-01-01T00:00:00Z\") or use a DateTime parameter";
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ mutations

    private QueryPlan mutation(QueryAst.MutationBody body) {
        List<MutationOp> ops = new ArrayList<>();
        Mutation firstDelete = null;
        Mutation firstWrite = null;
        for (Mutation m : body.statements()) {
            if (m instanceof QueryAst.Delete) {
                firstDelete = firstDelete == null ? m : firstDelete;
            } else {
                firstWrite = firstWrite == null ? m : firstWrite;
            }
        }
        if (firstDelete != null && firstWrite != null) {
            d.error(CompilerErrorCode.MIXED_MUTATION, firstDelete.span(), "mutation '" + q.name()
                    + "' on the same query mixes inserts/updates and deletes; split into separate mutations: (1) inserts and"
                    + " updates, then (2) deletes", "run the insert/update query first, then the delete query");
        }
        for (Mutation m : body.statements()) {
            MutationOp op = switch (m) {
                case QueryAst.Insert ins -> insert(ins);
                case QueryAst.Update upd -> update(upd);
                case QueryAst.Delete del -> delete(del);
            };
            if (op != null) {
                ops.add(op);
            }
        }
        if (d.hasErrors()) {
            return null;
        }
        OperationDescriptor op = new OperationDescriptor(List.of(), List.copyOf(reads), List.copyOf(writes));
        return new MutationQuery(q.name(), List.copyOf(params.values()), q.description(), q.instruction(), ops, usesNow, op);
    }

    private String unknownTargetHint(String name) {
        Optional<EdgeType> folded = catalog.edgeTypeIgnoreCase(name);
        if (folded.isPresent()) {
            return "mutations name edge types exactly as declared: " + folded.get().name();
        }
        List<String> names = new ArrayList<>(catalog.nodeTypes().stream().map(NodeType::name).toList());
        catalog.edgeTypes().forEach(e -> names.add(e.name()));
        return Suggestions.didYouMean(name, names);
    }

    private MutationOp insert(QueryAst.Insert ins) {
        Optional<NodeType> node = catalog.nodeType(ins.typeName());
        if (node.isPresent()) {
            NodeType t = node.get();
            reads.add(new TypeRef("node", t.name()));
            writes.add(new TypeRef("node", t.name()));
            List<MutationOp.Assignment> assignments = assignments(t, ins.assignments(), false);
            Set<String> assigned = new HashSet<>();
            ins.assignments().forEach(a -> assigned.add(a.property()));
            for (PropertyDef p : t.properties()) {
                // an @embed target may be omitted when its source is assigned: the engine computes it (languages.md §7.9)
                boolean computed = p.embed().isPresent() && assigned.contains(p.embed().get().source());
                if (!p.type().nullable() && !assigned.contains(p.name()) && !computed) {
                    d.error(CompilerErrorCode.T12, ins.typeSpan(), "insert " + t.name() + " is missing required property '"
                            + p.name() + "'", p.embed().isPresent()
                            ? "assign its @embed source '" + p.embed().get().source() + "' (the vector is then computed by the "
                            + "graph's embedding provider), or pass the vector"
                            : "assign it: " + p.name() + ": $" + p.name());
                }
            }
            return assignments == null ? null : new MutationOp.InsertNode(t, assignments);
        }
        Optional<EdgeType> edge = catalog.edgeType(ins.typeName());
        if (edge.isEmpty()) {
            d.error(CompilerErrorCode.T10, ins.typeSpan(), "unknown mutation target '" + ins.typeName() + "'",
                    unknownTargetHint(ins.typeName()));
            return null;
        }
        EdgeType e = edge.get();
        reads.add(new TypeRef("edge", e.name()));
        reads.add(new TypeRef("node", e.from()));
        reads.add(new TypeRef("node", e.to()));
        writes.add(new TypeRef("edge", e.name()));
        TypedExpr from = null;
        TypedExpr to = null;
        List<Assign> props = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean failed = false;
        for (Assign a : ins.assignments()) {
            if (!seen.add(a.property())) {
                d.error(CompilerErrorCode.T13, a.propertySpan(), "duplicate assignment to '" + a.property() + "'");
                failed = true;
                continue;
            }
            if (a.property().equals("from") || a.property().equals("to")) {
                TypedExpr v = endpointValue(a, e);
                failed |= v == null;
                if (a.property().equals("from")) {
                    from = v;
                } else {
                    to = v;
                }
            } else {
                props.add(a);
            }
        }
        List<MutationOp.Assignment> assignments = assignments(e, props, false);
        for (String end : List.of("from", "to")) {
            if (!seen.contains(end)) {
                d.error(CompilerErrorCode.T12, ins.typeSpan(), "insert " + e.name() + " is missing required endpoint '" + end + "'",
                        "edges need from: and to: node ids");
                failed = true;
            }
        }
        for (PropertyDef p : e.properties()) {
            if (!p.type().nullable() && !seen.contains(p.name())) {
                d.error(CompilerErrorCode.T12, ins.typeSpan(), "insert " + e.name() + " is missing required property '" + p.name() + "'");
                failed = true;
            }
        }
        if (failed || assignments == null) {
            return null;
        }
        return new MutationOp.InsertEdge(e, from, to, assignments);
    }

    private TypedExpr endpointValue(Assign a, EdgeType e) {
        PropType id = PropType.of(ScalarKind.STRING);
        switch (a.value()) {
            case Literal lit -> {
                TypedExpr.Literal l = literal(lit);
                if (l == null) {
                    return null;
                }
                if (!l.type().isString()) {
                    d.error(CompilerErrorCode.T3, lit.span(), "edge endpoint '" + a.property() + "' expects a String node id, got "
                            + describeLiteral(l));
                    return null;
                }
                return l;
            }
            case VarRef ref -> {
                ParamSpec p = paramRef(ref.var(), true);
                if (p == null) {
                    return null;
                }
                if (!p.type().isString()) {
                    d.error(CompilerErrorCode.T7, ref.span(), "edge endpoint '" + a.property() + "' expects a String node id, $"
                            + p.name() + " is " + p.type().display());
                    return null;
                }
                return new TypedExpr.ParamRef(p.name(), p.type());
            }
            default -> {
                d.error(CompilerErrorCode.T7, a.value().span(), "edge endpoint '" + a.property() + "' expects a String node id");
                return null;
            }
        }
    }

    /** Typechecks assignments (unknown/duplicate properties, value types); null if any failed. */
    private List<MutationOp.Assignment> assignments(EntityType t, List<Assign> assigns, boolean update) {
        List<MutationOp.Assignment> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean failed = false;
        for (Assign a : assigns) {
            if (!seen.add(a.property())) {
                d.error(CompilerErrorCode.T13, a.propertySpan(), "duplicate assignment to '" + a.property() + "'");
                failed = true;
                continue;
            }
            Optional<PropertyDef> p = t.property(a.property());
            if (p.isEmpty()) {
                d.error(CompilerErrorCode.T11, a.propertySpan(), t.kind().label() + " type " + t.name() + " has no property '"
                        + a.property() + "'", Suggestions.didYouMean(a.property(), propertyNames(t)));
                failed = true;
                continue;
            }
            if (update && t instanceof NodeType n && n.isKeyMember(a.property())) {
                d.error(CompilerErrorCode.KEY_UPDATE, a.propertySpan(), "cannot update @key property '" + a.property()
                        + "' — delete and re-insert instead", "a node's id is derived from its key");
                failed = true;
                continue;
            }
            TypedExpr v = assignValue(p.get(), a.value(), t.name());
            if (v == null) {
                failed = true;
                continue;
            }
            out.add(new MutationOp.Assignment(p.get(), v));
        }
        return failed ? null : out;
    }

    private TypedExpr assignValue(PropertyDef p, Expr value, String owner) {
        PropType target = p.type();
        switch (value) {
            case Literal lit -> {
                TypedExpr.Literal l = literal(lit);
                if (l == null) {
                    return null;
                }
                boolean vectorFromList = target.isVector() && l.type().list() && (lit.items().isEmpty() || l.type().scalar().isNumeric());
                boolean blobFromString = target.scalar() == ScalarKind.BLOB && l.type().isString();
                if (!vectorFromList && !blobFromString && !target.compatibleWith(l.type())) {
                    d.error(CompilerErrorCode.T3, lit.span(), "property '" + p.name() + "' expects " + target.display() + ", got "
                            + describeLiteral(l), temporalHint(target, l.type()));
                    return null;
                }
                try {
                    Value v = Values.coerce(l.value(), target, ValueTarget.property(owner, p.name()));
                    return new TypedExpr.Literal(v, target.asNonNull());
                } catch (ValueException e) {
                    String msg = e.code() == ValueErrorCode.INVALID_ENUM && l.value() instanceof Value.Text s
                            ? "value '" + s.value() + "' for " + owner + "." + p.name() + " expects one of ["
                            + String.join(", ", target.enumValues()) + "]"
                            : e.getMessage();
                    d.error(CompilerErrorCode.T3, lit.span(), msg);
                    return null;
                }
            }
            case VarRef ref -> {
                ParamSpec param = paramRef(ref.var(), true);
                if (param == null) {
                    return null;
                }
                PropType pt = param.type();
                boolean ok = pt.list() == target.list() && (pt.scalar() == target.scalar()
                        || (pt.scalar().isNumeric() && target.scalar().isNumeric())
                        || (target.scalar() == ScalarKind.BLOB && pt.scalar() == ScalarKind.STRING))
                        && (!target.isVector() || pt.vectorDim() == target.vectorDim());
                if (!ok) {
                    d.error(CompilerErrorCode.T7, ref.span(), "parameter $" + param.name() + " is " + pt.display()
                            + " but property '" + p.name() + "' is " + target.display());
                    return null;
                }
                return new TypedExpr.ParamRef(param.name(), pt);
            }
            case Now now -> {
                if (target.scalar() != ScalarKind.DATETIME || target.list()) {
                    d.error(CompilerErrorCode.T7, now.span(), "now() is a DateTime but property '" + p.name() + "' is "
                            + target.display());
                    return null;
                }
                usesNow = true;
                return new TypedExpr.Now();
            }
            default -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, value.span(), "unsupported value");
                return null;
            }
        }
    }

    private MutationOp update(QueryAst.Update upd) {
        Optional<NodeType> node = catalog.nodeType(upd.typeName());
        if (node.isEmpty()) {
            if (catalog.edgeType(upd.typeName()).isPresent()) {
                d.error(CompilerErrorCode.T16, upd.typeSpan(), "update is only supported on node types; " + upd.typeName()
                        + " is an edge type", "delete the edge and insert a new one");
            } else {
                d.error(CompilerErrorCode.T10, upd.typeSpan(), "unknown mutation target '" + upd.typeName() + "'",
                        unknownTargetHint(upd.typeName()));
            }
            return null;
        }
        NodeType t = node.get();
        reads.add(new TypeRef("node", t.name()));
        writes.add(new TypeRef("node", t.name()));
        List<MutationOp.Assignment> assignments = assignments(t, upd.assignments(), true);
        MutationOp.Condition where = condition(t, upd.where());
        if (assignments == null || where == null) {
            return null;
        }
        return new MutationOp.UpdateNode(t, assignments, where);
    }

    private MutationOp delete(QueryAst.Delete del) {
        Optional<NodeType> node = catalog.nodeType(del.typeName());
        if (node.isPresent()) {
            NodeType t = node.get();
            reads.add(new TypeRef("node", t.name()));
            writes.add(new TypeRef("node", t.name()));
            for (EdgeType e : catalog.edgesIncidentTo(t.name())) {
                reads.add(new TypeRef("edge", e.name()));
                writes.add(new TypeRef("edge", e.name()));
            }
            MutationOp.Condition where = condition(t, del.where());
            return where == null ? null : new MutationOp.DeleteNode(t, where);
        }
        Optional<EdgeType> edge = catalog.edgeType(del.typeName());
        if (edge.isEmpty()) {
            d.error(CompilerErrorCode.T10, del.typeSpan(), "unknown mutation target '" + del.typeName() + "'",
                    unknownTargetHint(del.typeName()));
            return null;
        }
        EdgeType e = edge.get();
        reads.add(new TypeRef("edge", e.name()));
        writes.add(new TypeRef("edge", e.name()));
        MutationOp.Condition where = condition(e, del.where());
        return where == null ? null : new MutationOp.DeleteEdge(e, where);
    }

    private MutationOp.Condition condition(EntityType t, MutationPredicate mp) {
        CompareOp op = CompareOp.fromSymbol(mp.op()).orElseThrow();
        String column;
        Optional<PropertyDef> prop = Optional.empty();
        PropType type;
        if (t instanceof EdgeType && (mp.property().equals("from") || mp.property().equals("to"))) {
            column = mp.property().equals("from") ? "src" : "dst";
            type = PropType.of(ScalarKind.STRING);
        } else if (t instanceof NodeType && mp.property().equals("id") && t.property("id").isEmpty()) {
            column = "id";
            type = PropType.of(ScalarKind.STRING);
        } else {
            prop = t.property(mp.property());
            if (prop.isEmpty()) {
                d.error(CompilerErrorCode.T11, mp.propertySpan(), t.kind().label() + " type " + t.name() + " has no property '"
                        + mp.property() + "'", t instanceof EdgeType ? "edges can also be matched by from or to"
                        : Suggestions.didYouMean(mp.property(), propertyNames(t)));
                return null;
            }
            if (prop.get().type().scalar() == ScalarKind.BLOB) {
                d.error(CompilerErrorCode.T11, mp.propertySpan(), "Blob property '" + mp.property() + "' cannot be used in where");
                return null;
            }
            column = mp.property();
            type = prop.get().type();
        }
        if (!type.isComparableScalar()) {
            d.error(CompilerErrorCode.T7, mp.span(), "cannot compare " + type.display() + " property '" + mp.property() + "' with "
                    + mp.op());
            return null;
        }
        TypedExpr value;
        switch (mp.value()) {
            case Literal lit -> {
                TypedExpr.Literal l = literal(lit);
                if (l == null) {
                    return null;
                }
                if (!type.compatibleWith(l.type())) {
                    d.error(CompilerErrorCode.T3, lit.span(), "'" + mp.property() + "' is " + type.display() + ", got "
                            + describeLiteral(l), temporalHint(type, l.type()));
                    return null;
                }
                value = l;
            }
            case VarRef ref -> {
                ParamSpec p = paramRef(ref.var(), true);
                if (p == null) {
                    return null;
                }
                if (!type.compatibleWith(p.type())) {
                    d.error(CompilerErrorCode.T7, ref.span(), "parameter $" + p.name() + " is " + p.type().display() + " but '"
                            + mp.property() + "' is " + type.display());
                    return null;
                }
                value = new TypedExpr.ParamRef(p.name(), p.type());
            }
            case Now now -> {
                if (type.scalar() != ScalarKind.DATETIME) {
                    d.error(CompilerErrorCode.T7, now.span(), "now() is a DateTime but '" + mp.property() + "' is " + type.display());
                    return null;
                }
                usesNow = true;
                value = new TypedExpr.Now();
            }
            default -> {
                d.error(CompilerErrorCode.UNSUPPORTED_EXPRESSION, mp.value().span(), "unsupported value");
                return null;
            }
        }
        return new MutationOp.Condition(column, prop, op, value);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<String> propertyNames(EntityType t) {
        return t.properties().stream().map(PropertyDef::name).toList();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
