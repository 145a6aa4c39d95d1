package io.omnigraph.compiler.query.parse;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.diag.Span;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.query.ast.QueryAst.AggFn;
import io.omnigraph.compiler.query.ast.QueryAst.Aggregate;
import io.omnigraph.compiler.query.ast.QueryAst.AliasRef;
import io.omnigraph.compiler.query.ast.QueryAst.Assign;
import io.omnigraph.compiler.query.ast.QueryAst.Binding;
import io.omnigraph.compiler.query.ast.QueryAst.Body;
import io.omnigraph.compiler.query.ast.QueryAst.Bounds;
import io.omnigraph.compiler.query.ast.QueryAst.Clause;
import io.omnigraph.compiler.query.ast.QueryAst.Delete;
import io.omnigraph.compiler.query.ast.QueryAst.Expr;
import io.omnigraph.compiler.query.ast.QueryAst.Filter;
import io.omnigraph.compiler.query.ast.QueryAst.Insert;
import io.omnigraph.compiler.query.ast.QueryAst.Literal;
import io.omnigraph.compiler.query.ast.QueryAst.LiteralKind;
import io.omnigraph.compiler.query.ast.QueryAst.Mutation;
import io.omnigraph.compiler.query.ast.QueryAst.MutationBody;
import io.omnigraph.compiler.query.ast.QueryAst.MutationPredicate;
import io.omnigraph.compiler.query.ast.QueryAst.Nearest;
import io.omnigraph.compiler.query.ast.QueryAst.Negation;
import io.omnigraph.compiler.query.ast.QueryAst.Now;
import io.omnigraph.compiler.query.ast.QueryAst.Ordering;
import io.omnigraph.compiler.query.ast.QueryAst.Param;
import io.omnigraph.compiler.query.ast.QueryAst.Projection;
import io.omnigraph.compiler.query.ast.QueryAst.PropAccess;
import io.omnigraph.compiler.query.ast.QueryAst.PropMatch;
import io.omnigraph.compiler.query.ast.QueryAst.QueryDecl;
import io.omnigraph.compiler.query.ast.QueryAst.ReadBody;
import io.omnigraph.compiler.query.ast.QueryAst.Rrf;
import io.omnigraph.compiler.query.ast.QueryAst.SearchClause;
import io.omnigraph.compiler.query.ast.QueryAst.TextCall;
import io.omnigraph.compiler.query.ast.QueryAst.TextFn;
import io.omnigraph.compiler.query.ast.QueryAst.Traversal;
import io.omnigraph.compiler.query.ast.QueryAst.Update;
import io.omnigraph.compiler.query.ast.QueryAst.Var;
import io.omnigraph.compiler.query.ast.QueryAst.VarRef;
import io.omnigraph.compiler.syntax.PegScanner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Recursive-descent PEG parser for {@code .gq} (spec §2.1). Ordered choice mirrors the original pest grammar:
 * clauses try negation → binding → traversal → filter → search; expressions try the calls, then property access,
 * variable, literal, alias; keywords are literal prefixes. So {@code $q contains $m} is a traversal over an edge
 * named {@code contains}, {@code order { nearest(…) desc }} is an error, and an alias starting with {@code true}
 * does not parse in {@code order {}}.
 */
public final class QueryParser {
    private static final String[] FILTER_OPS = {"starts_with", "contains", ">=", "<=", "!=", ">", "<", "="};
    private static final String[] COMPARE_OPS = {">=", "<=", "!=", ">", "<", "="};
    private static final Map<String, String> HINTS = new LinkedHashMap<>();

    static {
        HINTS.put("#", "'#' is not a comment in .gq files; use // or /* */");
        HINTS.put("mutation", "there is no mutation { } wrapper: write query name($p: T) { insert T { … } }");
        HINTS.put("desc", "nearest(…) orders by distance and takes no asc/desc");
        HINTS.put("asc", "nearest(…) orders by distance and takes no asc/desc");
        HINTS.put("contains", "a mutation's where clause supports = != < <= > >= only");
        HINTS.put("starts_with", "a mutation's where clause supports = != < <= > >= only");
        HINTS.put("null", "there is no null literal; pass null through a nullable parameter");
        HINTS.put("-", "there are no negative literals in queries; pass negative numbers as parameters");
    }

    private final PegScanner s;

    private QueryParser(SourceText source) {
        this.s = new PegScanner(source);
    }

    /**
     * Parses a {@code .gq} text into query declarations.
     *
     * @throws CompileException with a {@code syntax} diagnostic, or the semantic parse errors found (bad escape,
     *                          duplicate query annotation, duplicate query or parameter name, number out of range)
     */
    public static QueryAst.File parse(SourceText source) {
        QueryParser p = new QueryParser(source);
        QueryAst.File file = p.file();
        if (file == null) {
            throw new CompileException(p.s.syntaxError(HINTS));
        }
        List<Diagnostic> semantic = p.s.semanticErrors();
        Set<String> names = new HashSet<>();
        for (QueryDecl q : file.queries()) {
            if (!names.add(q.name())) {
                semantic.add(Diagnostic.error(CompilerErrorCode.DUPLICATE_QUERY, "duplicate query name '" + q.name() + "'",
                        source, q.nameSpan(), "query names must be unique within a file"));
            }
            Set<String> params = new HashSet<>();
            for (Param param : q.params()) {
                if (!params.add(param.name())) {
                    semantic.add(Diagnostic.error(CompilerErrorCode.DUPLICATE_PARAM, "query '" + q.name()
                            + "' declares parameter $" + param.name() + " twice", source, param.span(), null));
                }
            }
        }
        if (!semantic.isEmpty()) {
            throw new CompileException(semantic);
        }
        return file;
    }

    private QueryAst.File file() {
        List<QueryDecl> queries = new ArrayList<>();
        while (true) {
            int m = s.mark();
            QueryDecl q = queryDecl();
            if (q == null) {
                s.reset(m);
                break;
            }
            queries.add(q);
        }
        if (!s.atEnd()) {
            s.expected("end of input");
            return null;
        }
        return new QueryAst.File(queries);
    }

    private QueryDecl queryDecl() {
        int start = s.tokenStart();
        if (!s.lit("query")) {
            return null;
        }
        int ns = s.tokenStart();
        Optional<String> name = s.ident("query name");
        if (name.isEmpty()) {
            return null;
        }
        Span nameSpan = s.spanFrom(ns);
        if (!s.lit("(")) {
            return null;
        }
        List<Param> params = new ArrayList<>();
        int m = s.mark();
        Param first = param();
        if (first != null) {
            params.add(first);
            while (true) {
                int m2 = s.mark();
                if (!s.lit(",")) {
                    s.reset(m2);
                    break;
                }
                Param next = param();
                if (next == null) {
                    s.reset(m2);
                    break;
                }
                params.add(next);
            }
        } else {
            s.reset(m);
        }
        if (!s.lit(")")) {
            return null;
        }
        Optional<String> description = Optional.empty();
        Optional<String> instruction = Optional.empty();
        while (true) {
            int ma = s.mark();
            int as = s.tokenStart();
            String which = s.lit("@description") ? "description" : null;
            if (which == null) {
                s.reset(ma);
                which = s.lit("@instruction") ? "instruction" : null;
            }
            if (which == null) {
                s.reset(ma);
                break;
            }
            if (!s.lit("(")) {
                s.reset(ma);
                break;
            }
            Optional<String> text = s.string("string");
            if (text.isEmpty() || !s.lit(")")) {
                s.reset(ma);
                break;
            }
            Span aSpan = s.spanFrom(as);
            if (which.equals("description")) {
                if (description.isPresent()) {
                    s.semanticError(CompilerErrorCode.DUPLICATE_ANNOTATION, aSpan, "duplicate @description on query '"
                            + name.get() + "'", "a query takes at most one @description");
                }
                description = text;
            } else {
                if (instruction.isPresent()) {
                    s.semanticError(CompilerErrorCode.DUPLICATE_ANNOTATION, aSpan, "duplicate @instruction on query '"
                            + name.get() + "'", "a query takes at most one @instruction");
                }
                instruction = text;
            }
        }
        if (!s.lit("{")) {
            return null;
        }
        Body body = body();
        if (body == null || !s.lit("}")) {
            return null;
        }
        return new QueryDecl(name.get(), nameSpan, params, description, instruction, body, s.spanFrom(start));
    }

    private Param param() {
        int start = s.tokenStart();
        Var v = variable();
        if (v == null || !s.lit(":")) {
            return null;
        }
        int ts = s.tokenStart();
        String typeName;
        boolean list = false;
        OptionalLong dim = OptionalLong.empty();
        int m = s.mark();
        if (s.lit("[")) {
            Optional<String> t = s.typeName("parameter type");
            if (t.isEmpty() || !s.lit("]")) {
                return null;
            }
            typeName = t.get();
            list = true;
        } else {
            s.reset(m);
            if (s.lit("Vector") && s.lit("(")) {
                Optional<Long> n = s.integer("vector dimension");
                if (n.isEmpty() || !s.lit(")")) {
                    return null;
                }
                typeName = "Vector";
                dim = OptionalLong.of(n.get());
            } else {
                s.reset(m);
                Optional<String> t = s.typeName("parameter type");
                if (t.isEmpty()) {
                    return null;
                }
                typeName = t.get();
            }
        }
        Span typeSpan = s.spanFrom(ts);
        int mq = s.mark();
        boolean nullable = s.lit("?");
        if (!nullable) {
            s.reset(mq);
        }
        return new Param(v.name(), s.spanFrom(start), typeName, typeSpan, list, dim, nullable);
    }

    private Body body() {
        int m = s.mark();
        ReadBody read = readBody();
        if (read != null) {
            return read;
        }
        s.reset(m);
        List<Mutation> statements = new ArrayList<>();
        while (true) {
            int ms = s.mark();
            Mutation st = mutation();
            if (st == null) {
                s.reset(ms);
                break;
            }
            statements.add(st);
        }
        return statements.isEmpty() ? null : new MutationBody(statements);
    }

    private ReadBody readBody() {
        int ms = s.tokenStart();
        if (!s.lit("match")) {
            return null;
        }
        Span matchSpan = s.spanFrom(ms);
        if (!s.lit("{")) {
            return null;
        }
        List<Clause> clauses = clauses();
        if (clauses.isEmpty() || !s.lit("}")) {
            return null;
        }
        int rs = s.tokenStart();
        if (!s.lit("return")) {
            return null;
        }
        Span returnSpan = s.spanFrom(rs);
        if (!s.lit("{")) {
            return null;
        }
        List<Projection> projections = new ArrayList<>();
        while (true) {
            int mp = s.mark();
            Projection p = projection();
            if (p == null) {
                s.reset(mp);
                break;
            }
            projections.add(p);
        }
        if (projections.isEmpty() || !s.lit("}")) {
            return null;
        }
        List<Ordering> order = new ArrayList<>();
        int mo = s.mark();
        if (s.lit("order") && s.lit("{")) {
            Ordering first = ordering();
            boolean ok = first != null;
            if (ok) {
                order.add(first);
                while (true) {
                    int m2 = s.mark();
                    if (!s.lit(",")) {
                        s.reset(m2);
                        break;
                    }
                    Ordering next = ordering();
                    if (next == null) {
                        s.reset(m2);
                        break;
                    }
                    order.add(next);
                }
            }
            if (!ok || !s.lit("}")) {
                s.reset(mo);
                order.clear();
            }
        } else {
            s.reset(mo);
        }
        OptionalLong limit = OptionalLong.empty();
        Optional<Span> limitSpan = Optional.empty();
        int ml = s.mark();
        int ls = s.tokenStart();
        if (s.lit("limit")) {
            Optional<Long> n = s.integer("integer");
            if (n.isPresent()) {
                limit = OptionalLong.of(n.get());
                limitSpan = Optional.of(s.spanFrom(ls));
            } else {
                s.reset(ml);
            }
        } else {
            s.reset(ml);
        }
        return new ReadBody(clauses, matchSpan, projections, returnSpan, order, limit, limitSpan);
    }

    private List<Clause> clauses() {
        List<Clause> out = new ArrayList<>();
        while (true) {
            int m = s.mark();
            Clause c = clause();
            if (c == null) {
                s.reset(m);
                return out;
            }
            out.add(c);
        }
    }

    private Clause clause() {
        int m = s.mark();
        Clause c = negation();
        if (c != null) {
            return c;
        }
        s.reset(m);
        c = binding();
        if (c != null) {
            return c;
        }
        s.reset(m);
        c = traversal();
        if (c != null) {
            return c;
        }
        s.reset(m);
        c = filter();
        if (c != null) {
            return c;
        }
        s.reset(m);
        int start = s.tokenStart();
        TextCall call = searchCall();
        if (call != null) {
            return new SearchClause(call, s.spanFrom(start));
        }
        s.reset(m);
        return null;
    }

    private Negation negation() {
        int start = s.tokenStart();
        if (!s.lit("not") || !s.lit("{")) {
            return null;
        }
        List<Clause> inner = clauses();
        if (inner.isEmpty() || !s.lit("}")) {
            return null;
        }
        return new Negation(inner, s.spanFrom(start));
    }

    private Binding binding() {
        int start = s.tokenStart();
        Var v = variable();
        if (v == null || !s.lit(":")) {
            return null;
        }
        int ts = s.tokenStart();
        Optional<String> type = s.typeName("node type name");
        if (type.isEmpty()) {
            return null;
        }
        Span typeSpan = s.spanFrom(ts);
        List<PropMatch> props = new ArrayList<>();
        int m = s.mark();
        if (s.lit("{")) {
            PropMatch first = propMatch();
            boolean ok = first != null;
            if (ok) {
                props.add(first);
                while (true) {
                    int m2 = s.mark();
                    if (!s.lit(",")) {
                        s.reset(m2);
                        break;
                    }
                    PropMatch next = propMatch();
                    if (next == null) {
                        s.reset(m2);
                        break;
                    }
                    props.add(next);
                }
                int mc = s.mark();
                if (!s.lit(",")) {
                    s.reset(mc);
                }
            }
            if (!ok || !s.lit("}")) {
                s.reset(m);
                props.clear();
            }
        } else {
            s.reset(m);
        }
        return new Binding(v, type.get(), typeSpan, props, s.spanFrom(start));
    }

    private PropMatch propMatch() {
        int start = s.tokenStart();
        Optional<String> prop = s.ident("property name");
        if (prop.isEmpty()) {
            return null;
        }
        Span ps = s.spanFrom(start);
        if (!s.lit(":")) {
            return null;
        }
        Expr v = value();
        if (v == null) {
            return null;
        }
        return new PropMatch(prop.get(), ps, v, s.spanFrom(start));
    }

    private Traversal traversal() {
        int start = s.tokenStart();
        Var src = variable();
        if (src == null) {
            return null;
        }
        Optional<Var> edgeVar = Optional.empty();
        int m = s.mark();
        Var w = variable();
        if (w != null && s.lit(":")) {
            edgeVar = Optional.of(w);
        } else {
            s.reset(m);
        }
        boolean undirected = false;
        int es = s.tokenStart();
        String edge;
        int m2 = s.mark();
        if (s.lit("<")) {
            Optional<String> word = edgeWord();
            if (word.isEmpty() || !s.lit(">")) {
                return null;
            }
            edge = word.get();
            undirected = true;
        } else {
            s.reset(m2);
            Optional<String> word = edgeWord();
            if (word.isEmpty()) {
                return null;
            }
            edge = word.get();
        }
        Span edgeSpan = s.spanFrom(es);
        Optional<Bounds> bounds = Optional.empty();
        int mb = s.mark();
        int bs = s.tokenStart();
        if (s.lit("{")) {
            Optional<Long> min = s.integer("integer");
            boolean ok = min.isPresent() && s.lit(",");
            OptionalLong max = OptionalLong.empty();
            if (ok) {
                int mm = s.mark();
                Optional<Long> mx = s.integer("integer");
                if (mx.isPresent()) {
                    max = OptionalLong.of(mx.get());
                } else {
                    s.reset(mm);
                }
                ok = s.lit("}");
            }
            if (ok) {
                bounds = Optional.of(new Bounds(min.get(), max, s.spanFrom(bs)));
            } else {
                s.reset(mb);
            }
        } else {
            s.reset(mb);
        }
        Var dst = variable();
        if (dst == null) {
            return null;
        }
        return new Traversal(src, edgeVar, edge, edgeSpan, undirected, bounds, dst, s.spanFrom(start));
    }

    /** {@code !("not" !alphanumeric) ident}. */
    private Optional<String> edgeWord() {
        s.skipTrivia();
        if (s.peekLit("not")) {
            int c = s.rawCharAt(3);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum) {
                s.expected("edge name");
                return Optional.empty();
            }
        }
        return s.ident("edge name");
    }

    private Filter filter() {
        int start = s.tokenStart();
        Expr left = expr();
        if (left == null) {
            return null;
        }
        int os = s.tokenStart();
        String op = null;
        for (String candidate : FILTER_OPS) {
            if (s.lit(candidate)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return null;
        }
        Span opSpan = s.spanFrom(os);
        Expr right = expr();
        if (right == null) {
            return null;
        }
        return new Filter(left, op, opSpan, right, s.spanFrom(start));
    }

    private Projection projection() {
        int start = s.tokenStart();
        Expr e = expr();
        if (e == null) {
            return null;
        }
        Optional<String> alias = Optional.empty();
        Optional<Span> aliasSpan = Optional.empty();
        int m = s.mark();
        if (s.lit("as")) {
            int as = s.tokenStart();
            Optional<String> a = s.ident("alias");
            if (a.isPresent()) {
                alias = a;
                aliasSpan = Optional.of(s.spanFrom(as));
            } else {
                s.reset(m);
            }
        } else {
            s.reset(m);
        }
        Span span = s.spanFrom(start);
        int mc = s.mark();
        if (!s.lit(",")) {
            s.reset(mc);
        }
        return new Projection(e, alias, aliasSpan, span);
    }

    private Ordering ordering() {
        int start = s.tokenStart();
        int m = s.mark();
        Nearest n = nearest();
        if (n != null) {
            return new Ordering(n, false, false, s.spanFrom(start));
        }
        s.reset(m);
        Expr e = expr();
        if (e == null) {
            return null;
        }
        Span span = s.spanFrom(start);
        int md = s.mark();
        if (s.lit("asc")) {
            return new Ordering(e, false, true, s.spanFrom(start));
        }
        s.reset(md);
        if (s.lit("desc")) {
            return new Ordering(e, true, true, s.spanFrom(start));
        }
        s.reset(md);
        return new Ordering(e, false, false, span);
    }

    // ------------------------------------------------------------------------------------------------ expressions

    private Expr expr() {
        int m = s.mark();
        Expr e = now();
        if (e != null) {
            return e;
        }
        s.reset(m);
        e = nearest();
        if (e != null) {
            return e;
        }
        s.reset(m);
        for (TextFn fn : new TextFn[]{TextFn.SEARCH, TextFn.FUZZY, TextFn.MATCH_TEXT, TextFn.BM25}) {
            e = textCall(fn);
            if (e != null) {
                return e;
            }
            s.reset(m);
        }
        e = rrf();
        if (e != null) {
            return e;
        }
        s.reset(m);
        e = aggregate();
        if (e != null) {
            return e;
        }
        s.reset(m);
        e = propAccess();
        if (e != null) {
            return e;
        }
        s.reset(m);
        Var v = variable();
        if (v != null) {
            return new VarRef(v);
        }
        s.reset(m);
        e = literal();
        if (e != null) {
            return e;
        }
        s.reset(m);
        int start = s.tokenStart();
        Optional<String> id = s.ident("expression");
        if (id.isPresent()) {
            return new AliasRef(id.get(), s.spanFrom(start));
        }
        s.reset(m);
        return null;
    }

    private Now now() {
        int start = s.tokenStart();
        if (s.lit("now") && s.lit("(") && s.lit(")")) {
            return new Now(s.spanFrom(start));
        }
        return null;
    }

    private Nearest nearest() {
        int start = s.tokenStart();
        if (!s.lit("nearest") || !s.lit("(")) {
            return null;
        }
        PropAccess target = propAccess();
        if (target == null || !s.lit(",")) {
            return null;
        }
        Expr q = expr();
        if (q == null || !s.lit(")")) {
            return null;
        }
        return new Nearest(target, q, s.spanFrom(start));
    }

    /** search_call | fuzzy_call | match_text_call (the search clause). */
    private TextCall searchCall() {
        int m = s.mark();
        for (TextFn fn : new TextFn[]{TextFn.SEARCH, TextFn.FUZZY, TextFn.MATCH_TEXT}) {
            TextCall c = textCall(fn);
            if (c != null) {
                return c;
            }
            s.reset(m);
        }
        return null;
    }

    private TextCall textCall(TextFn fn) {
        int start = s.tokenStart();
        if (!s.lit(fn.sourceName()) || !s.lit("(")) {
            return null;
        }
        List<Expr> args = new ArrayList<>();
        Expr a = expr();
        if (a == null || !s.lit(",")) {
            return null;
        }
        args.add(a);
        Expr b = expr();
        if (b == null) {
            return null;
        }
        args.add(b);
        if (fn == TextFn.FUZZY) {
            int m = s.mark();
            if (s.lit(",")) {
                Expr c = expr();
                if (c != null) {
                    args.add(c);
                } else {
                    s.reset(m);
                }
            } else {
                s.reset(m);
            }
        }
        if (!s.lit(")")) {
            return null;
        }
        return new TextCall(fn, args, s.spanFrom(start));
    }

    private Rrf rrf() {
        int start = s.tokenStart();
        if (!s.lit("rrf") || !s.lit("(")) {
            return null;
        }
        Expr a = rankArm();
        if (a == null || !s.lit(",")) {
            return null;
        }
        Expr b = rankArm();
        if (b == null) {
            return null;
        }
        Optional<Expr> k = Optional.empty();
        int m = s.mark();
        if (s.lit(",")) {
            Expr ke = expr();
            if (ke != null) {
                k = Optional.of(ke);
            } else {
                s.reset(m);
            }
        } else {
            s.reset(m);
        }
        if (!s.lit(")")) {
            return null;
        }
        return new Rrf(a, b, k, s.spanFrom(start));
    }

    private Expr rankArm() {
        int m = s.mark();
        Expr e = nearest();
        if (e != null) {
            return e;
        }
        s.reset(m);
        e = textCall(TextFn.BM25);
        if (e != null) {
            return e;
        }
        s.reset(m);
        return null;
    }

    private Aggregate aggregate() {
        int start = s.tokenStart();
        int m = s.mark();
        for (AggFn fn : AggFn.values()) {
            if (s.lit(fn.sourceName())) {
                if (!s.lit("(")) {
                    return null;
                }
                Expr arg = expr();
                if (arg == null || !s.lit(")")) {
                    return null;
                }
                return new Aggregate(fn, arg, s.spanFrom(start));
            }
            s.reset(m);
        }
        return null;
    }

    private PropAccess propAccess() {
        int start = s.tokenStart();
        Var v = variable();
        if (v == null) {
            return null;
        }
        if (s.rawCharAt(0) != '.') {
            s.expected("\".\"");
            return null;
        }
        s.reset(s.pos() + 1);
        int ps = s.pos();
        int c = s.rawCharAt(0);
        if (!((c >= 'a' && c <= 'z') || c == '_')) {
            s.expected("property name");
            return null;
        }
        Optional<String> prop = s.ident("property name");
        if (prop.isEmpty()) {
            return null;
        }
        return new PropAccess(v, prop.get(), s.spanFrom(ps), s.spanFrom(start));
    }

    /** {@code "$" (ident | "_")}, atomic. */
    private Var variable() {
        int start = s.tokenStart();
        if (s.rawCharAt(0) != '$') {
            s.expected("variable ($name)");
            return null;
        }
        s.reset(start + 1);
        int c = s.rawCharAt(0);
        if (!((c >= 'a' && c <= 'z') || c == '_')) {
            s.expected("variable name");
            return null;
        }
        Optional<String> name = s.ident("variable name");
        return name.map(n -> new Var(n, s.spanFrom(start))).orElse(null);
    }

    /** {@code literal | variable | now()} (binding values, assignments, mutation predicates). */
    private Expr value() {
        int m = s.mark();
        Expr e = literal();
        if (e != null) {
            return e;
        }
        s.reset(m);
        Var v = variable();
        if (v != null) {
            return new VarRef(v);
        }
        s.reset(m);
        e = now();
        if (e != null) {
            return e;
        }
        s.reset(m);
        return null;
    }

    private Literal literal() {
        int start = s.tokenStart();
        int m = s.mark();
        if (s.lit("[")) {
            List<Literal> items = new ArrayList<>();
            int mi = s.mark();
            Literal first = literal();
            if (first != null) {
                items.add(first);
                while (true) {
                    int m2 = s.mark();
                    if (!s.lit(",")) {
                        s.reset(m2);
                        break;
                    }
                    Literal next = literal();
                    if (next == null) {
                        s.reset(m2);
                        break;
                    }
                    items.add(next);
                }
            } else {
                s.reset(mi);
            }
            if (s.lit("]")) {
                return new Literal(LiteralKind.LIST, List.copyOf(items), s.text(start, s.pos()), s.spanFrom(start));
            }
        }
        s.reset(m);
        for (String fn : new String[]{"datetime", "date"}) {
            if (s.lit(fn) && s.lit("(")) {
                Optional<String> text = s.string("string");
                if (text.isPresent() && s.lit(")")) {
                    return new Literal(fn.equals("date") ? LiteralKind.DATE : LiteralKind.DATETIME, text.get(),
                            s.text(start, s.pos()), s.spanFrom(start));
                }
            }
            s.reset(m);
        }
        Optional<String> str = s.string("string");
        if (str.isPresent()) {
            return new Literal(LiteralKind.STRING, str.get(), s.text(start, s.pos()), s.spanFrom(start));
        }
        s.reset(m);
        Optional<String> f = s.floatText("number");
        if (f.isPresent()) {
            return new Literal(LiteralKind.FLOAT, Double.parseDouble(f.get()), f.get(), s.spanFrom(start));
        }
        s.reset(m);
        Optional<Long> i = s.integer("number");
        if (i.isPresent()) {
            return new Literal(LiteralKind.INTEGER, i.get(), s.text(start, s.pos()), s.spanFrom(start));
        }
        s.reset(m);
        if (s.lit("true")) {
            return new Literal(LiteralKind.BOOL, Boolean.TRUE, "true", s.spanFrom(start));
        }
        if (s.lit("false")) {
            return new Literal(LiteralKind.BOOL, Boolean.FALSE, "false", s.spanFrom(start));
        }
        s.reset(m);
        return null;
    }

    // ------------------------------------------------------------------------------------------------ mutations

    private Mutation mutation() {
        int start = s.tokenStart();
        int m = s.mark();
        if (s.lit("insert")) {
            int ts = s.tokenStart();
            Optional<String> type = s.typeName("type name");
            if (type.isEmpty()) {
                return null;
            }
            Span typeSpan = s.spanFrom(ts);
            if (!s.lit("{")) {
                return null;
            }
            List<Assign> assigns = assignments();
            if (assigns.isEmpty() || !s.lit("}")) {
                return null;
            }
            return new Insert(type.get(), typeSpan, assigns, s.spanFrom(start));
        }
        s.reset(m);
        if (s.lit("update")) {
            int ts = s.tokenStart();
            Optional<String> type = s.typeName("type name");
            if (type.isEmpty()) {
                return null;
            }
            Span typeSpan = s.spanFrom(ts);
            if (!s.lit("set") || !s.lit("{")) {
                return null;
            }
            List<Assign> assigns = assignments();
            if (assigns.isEmpty() || !s.lit("}") || !s.lit("where")) {
                return null;
            }
            MutationPredicate where = mutationPredicate();
            if (where == null) {
                return null;
            }
            return new Update(type.get(), typeSpan, assigns, where, s.spanFrom(start));
        }
        s.reset(m);
        if (s.lit("delete")) {
            int ts = s.tokenStart();
            Optional<String> type = s.typeName("type name");
            if (type.isEmpty()) {
                return null;
            }
            Span typeSpan = s.spanFrom(ts);
            if (!s.lit("where")) {
                return null;
            }
            MutationPredicate where = mutationPredicate();
            if (where == null) {
                return null;
            }
            return new Delete(type.get(), typeSpan, where, s.spanFrom(start));
        }
        s.reset(m);
        s.expected("\"insert\", \"update\" or \"delete\"");
        return null;
    }

    private List<Assign> assignments() {
        List<Assign> out = new ArrayList<>();
        while (true) {
            int m = s.mark();
            int start = s.tokenStart();
            Optional<String> prop = s.ident("property name");
            if (prop.isEmpty()) {
                s.reset(m);
                return out;
            }
            Span ps = s.spanFrom(start);
            if (!s.lit(":")) {
                s.reset(m);
                return out;
            }
            Expr v = value();
            if (v == null) {
                s.reset(m);
                return out;
            }
            Span span = s.spanFrom(start);
            int mc = s.mark();
            if (!s.lit(",")) {
                s.reset(mc);
            }
            out.add(new Assign(prop.get(), ps, v, span));
        }
    }

    private MutationPredicate mutationPredicate() {
        int start = s.tokenStart();
        Optional<String> prop = s.ident("property name");
        if (prop.isEmpty()) {
            return null;
        }
        Span ps = s.spanFrom(start);
        String op = null;
        for (String candidate : COMPARE_OPS) {
            if (s.lit(candidate)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return null;
        }
        Expr v = value();
        if (v == null) {
            return null;
        }
        return new MutationPredicate(prop.get(), ps, op, v, s.spanFrom(start));
    }
}
