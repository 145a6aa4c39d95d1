package io.omnigraph.compiler.schema.parse;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.diag.Span;
import io.omnigraph.compiler.schema.ast.SchemaAst;
import io.omnigraph.compiler.schema.ast.SchemaAst.Annotation;
import io.omnigraph.compiler.schema.ast.SchemaAst.BodyConstraint;
import io.omnigraph.compiler.schema.ast.SchemaAst.Cardinality;
import io.omnigraph.compiler.schema.ast.SchemaAst.ConstraintArg;
import io.omnigraph.compiler.schema.ast.SchemaAst.Decl;
import io.omnigraph.compiler.schema.ast.SchemaAst.EdgeDecl;
import io.omnigraph.compiler.schema.ast.SchemaAst.IdentArg;
import io.omnigraph.compiler.schema.ast.SchemaAst.InterfaceDecl;
import io.omnigraph.compiler.schema.ast.SchemaAst.LiteralArg;
import io.omnigraph.compiler.schema.ast.SchemaAst.NameRef;
import io.omnigraph.compiler.schema.ast.SchemaAst.NodeDecl;
import io.omnigraph.compiler.schema.ast.SchemaAst.PropDecl;
import io.omnigraph.compiler.schema.ast.SchemaAst.RangeArg;
import io.omnigraph.compiler.syntax.PegScanner;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Recursive-descent PEG parser for {@code .pg} (spec §1.1). Ordered choice and backtracking mirror the original
 * pest grammar, including its quirks (keywords as literal prefixes, property-level {@code @key(x)} re-read as a body
 * constraint, {@code @card} only before other edge annotations, literals tried before identifiers).
 */
public final class SchemaParser {
    private static final String[] CONSTRAINT_NAMES = {"key", "unique", "index", "range", "check"};
    private static final String[] BASE_TYPES = {"String", "Blob", "Bool", "I32", "I64", "U32", "U64", "F32", "F64",
            "DateTime", "Date"};
    private static final Map<String, String> HINTS = new LinkedHashMap<>();

    static {
        HINTS.put("#", "'#' is not a comment in .pg files; use // or /* */");
        HINTS.put("enum", "enums are property types, e.g. status: enum(open, closed); there is no top-level enum");
        HINTS.put("@card", "@card(min..max) goes right after the edge endpoints, before other annotations");
        HINTS.put("type ", "declare types with 'node', 'edge' or 'interface'");
    }

    private final PegScanner s;

    private SchemaParser(SourceText source) {
        this.s = new PegScanner(source);
    }

    /**
     * Parses a {@code .pg} text.
     *
     * @throws CompileException with a {@code syntax} diagnostic, or the semantic parse errors found while scanning
     */
    public static SchemaAst.File parse(SourceText source) {
        SchemaParser p = new SchemaParser(source);
        SchemaAst.File file = p.file();
        if (file == null) {
            throw new CompileException(p.s.syntaxError(HINTS));
        }
        List<Diagnostic> semantic = p.s.semanticErrors();
        if (!semantic.isEmpty()) {
            throw new CompileException(semantic);
        }
        return file;
    }

    private SchemaAst.File file() {
        List<Decl> decls = new ArrayList<>();
        while (true) {
            int m = s.mark();
            Decl d = decl();
            if (d == null) {
                s.reset(m);
                break;
            }
            decls.add(d);
        }
        if (!s.atEnd()) {
            s.expected("end of input");
            return null;
        }
        return new SchemaAst.File(decls);
    }

    private Decl decl() {
        int m = s.mark();
        Decl d = interfaceDecl();
        if (d != null) {
            return d;
        }
        s.reset(m);
        d = nodeDecl();
        if (d != null) {
            return d;
        }
        s.reset(m);
        return edgeDecl();
    }

    private InterfaceDecl interfaceDecl() {
        int start = s.tokenStart();
        if (!s.lit("interface")) {
            return null;
        }
        int ns = s.tokenStart();
        Optional<String> name = s.typeName("interface name (TypeName)");
        if (name.isEmpty()) {
            return null;
        }
        Span nameSpan = s.spanFrom(ns);
        if (!s.lit("{")) {
            return null;
        }
        List<PropDecl> props = new ArrayList<>();
        while (true) {
            int m = s.mark();
            PropDecl p = propDecl();
            if (p == null) {
                s.reset(m);
                break;
            }
            props.add(p);
        }
        if (!s.lit("}")) {
            return null;
        }
        return new InterfaceDecl(name.get(), nameSpan, props, s.spanFrom(start));
    }

    private NodeDecl nodeDecl() {
        int start = s.tokenStart();
        if (!s.lit("node")) {
            return null;
        }
        int ns = s.tokenStart();
        Optional<String> name = s.typeName("node type name (TypeName)");
        if (name.isEmpty()) {
            return null;
        }
        Span nameSpan = s.spanFrom(ns);
        List<Annotation> annotations = annotations();
        List<NameRef> impls = new ArrayList<>();
        int m = s.mark();
        if (s.lit("implements")) {
            NameRef first = nameRef("interface name");
            if (first == null) {
                return null;
            }
            impls.add(first);
            while (true) {
                int m2 = s.mark();
                if (!s.lit(",")) {
                    s.reset(m2);
                    break;
                }
                NameRef next = nameRef("interface name");
                if (next == null) {
                    s.reset(m2);
                    break;
                }
                impls.add(next);
            }
        } else {
            s.reset(m);
        }
        if (!s.lit("{")) {
            return null;
        }
        List<PropDecl> props = new ArrayList<>();
        List<BodyConstraint> constraints = new ArrayList<>();
        body(props, constraints);
        if (!s.lit("}")) {
            return null;
        }
        return new NodeDecl(name.get(), nameSpan, annotations, impls, props, constraints, s.spanFrom(start));
    }

    private EdgeDecl edgeDecl() {
        int start = s.tokenStart();
        if (!s.lit("edge")) {
            return null;
        }
        int ns = s.tokenStart();
        Optional<String> name = s.typeName("edge type name (TypeName)");
        if (name.isEmpty()) {
            return null;
        }
        Span nameSpan = s.spanFrom(ns);
        if (!s.lit(":")) {
            return null;
        }
        NameRef from = nameRef("source node type");
        if (from == null || !s.lit("->")) {
            return null;
        }
        NameRef to = nameRef("target node type");
        if (to == null) {
            return null;
        }
        int m = s.mark();
        Cardinality card = cardinality();
        if (card == null) {
            s.reset(m);
        }
        List<Annotation> annotations = annotations();
        List<PropDecl> props = new ArrayList<>();
        List<BodyConstraint> constraints = new ArrayList<>();
        int mb = s.mark();
        if (s.lit("{")) {
            body(props, constraints);
            if (!s.lit("}")) {
                s.reset(mb);
                props.clear();
                constraints.clear();
                // a failed optional body: the decl ends here and the caller reports what follows
            }
        } else {
            s.reset(mb);
        }
        return new EdgeDecl(name.get(), nameSpan, from, to, Optional.ofNullable(card), annotations, props,
                constraints, s.spanFrom(start));
    }

    private NameRef nameRef(String label) {
        int st = s.tokenStart();
        Optional<String> n = s.typeName(label);
        return n.map(v -> new NameRef(v, s.spanFrom(st))).orElse(null);
    }

    private Cardinality cardinality() {
        int start = s.tokenStart();
        if (!s.lit("@card") || !s.lit("(")) {
            return null;
        }
        Optional<Long> min = s.integer("integer");
        if (min.isEmpty() || !s.lit("..")) {
            return null;
        }
        int m = s.mark();
        Optional<Long> max = s.integer("integer");
        if (max.isEmpty()) {
            s.reset(m);
        }
        if (!s.lit(")")) {
            return null;
        }
        return new Cardinality(min.get(), max.map(OptionalLong::of).orElse(OptionalLong.empty()), s.spanFrom(start));
    }

    private void body(List<PropDecl> props, List<BodyConstraint> constraints) {
        while (true) {
            int m = s.mark();
            PropDecl p = propDecl();
            if (p != null) {
                props.add(p);
                continue;
            }
            s.reset(m);
            BodyConstraint c = bodyConstraint();
            if (c != null) {
                constraints.add(c);
                continue;
            }
            s.reset(m);
            return;
        }
    }

    private List<Annotation> annotations() {
        List<Annotation> list = new ArrayList<>();
        while (true) {
            int m = s.mark();
            Annotation a = annotation();
            if (a == null) {
                s.reset(m);
                return list;
            }
            list.add(a);
        }
    }

    /** {@code "@" !(constraint_name "(") ident [ "(" annotation_args ")" ]}. */
    private Annotation annotation() {
        int start = s.tokenStart();
        if (!s.lit("@")) {
            return null;
        }
        int after = s.mark();
        for (String cn : CONSTRAINT_NAMES) {
            if (s.peekLit(cn)) {
                s.reset(s.pos() + cn.length());
                boolean paren = s.peekLit("(");
                s.reset(after);
                if (paren) {
                    return null;
                }
            }
        }
        s.reset(after);
        Optional<String> name = s.ident("annotation name");
        if (name.isEmpty()) {
            return null;
        }
        int m = s.mark();
        Optional<String> arg = Optional.empty();
        Optional<Span> argSpan = Optional.empty();
        Map<String, String> kwargs = new LinkedHashMap<>();
        if (s.lit("(")) {
            int as = s.tokenStart();
            Optional<String> a = annotationArg();
            boolean ok = a.isPresent();
            Span aSpan = s.spanFrom(as);
            Map<String, String> kw = new LinkedHashMap<>();
            if (ok) {
                while (true) {
                    int mk = s.mark();
                    if (!s.lit(",")) {
                        s.reset(mk);
                        break;
                    }
                    Optional<String> k = s.ident("keyword argument name");
                    if (k.isEmpty() || !s.lit("=")) {
                        s.reset(mk);
                        break;
                    }
                    Optional<String[]> v = literal();
                    if (v.isEmpty()) {
                        s.reset(mk);
                        break;
                    }
                    kw.put(k.get(), v.get()[1]);
                }
            }
            if (ok && s.lit(")")) {
                arg = a;
                argSpan = Optional.of(aSpan);
                kwargs = kw;
            } else {
                s.reset(m);
            }
        } else {
            s.reset(m);
        }
        return new Annotation(name.get(), arg, kwargs, s.spanFrom(start), argSpan);
    }

    /** {@code literal | ident}, as a string (strings unescaped, the rest verbatim). */
    private Optional<String> annotationArg() {
        int m = s.mark();
        Optional<String[]> lit = literal();
        if (lit.isPresent()) {
            return Optional.of(lit.get()[1]);
        }
        s.reset(m);
        return s.ident("identifier");
    }

    /** {@code string | float | integer | "true" | "false"} → {kind, text}. */
    private Optional<String[]> literal() {
        int m = s.mark();
        Optional<String> str = s.string("string");
        if (str.isPresent()) {
            return Optional.of(new String[]{"string", str.get()});
        }
        s.reset(m);
        Optional<String> f = s.floatText("number");
        if (f.isPresent()) {
            return Optional.of(new String[]{"float", f.get()});
        }
        s.reset(m);
        Optional<String> i = s.digits("number");
        if (i.isPresent()) {
            return Optional.of(new String[]{"integer", i.get()});
        }
        s.reset(m);
        if (s.lit("true")) {
            return Optional.of(new String[]{"bool", "true"});
        }
        if (s.lit("false")) {
            return Optional.of(new String[]{"bool", "false"});
        }
        s.reset(m);
        return Optional.empty();
    }

    private PropDecl propDecl() {
        int start = s.tokenStart();
        Optional<String> name = s.ident("property name");
        if (name.isEmpty()) {
            return null;
        }
        Span nameSpan = s.spanFrom(start);
        if (!s.lit(":")) {
            return null;
        }
        int ts = s.tokenStart();
        PropType type = typeRef();
        if (type == null) {
            return null;
        }
        Span typeSpan = s.spanFrom(ts);
        List<Annotation> annotations = annotations();
        return new PropDecl(name.get(), nameSpan, type, typeSpan, annotations, s.spanFrom(start));
    }

    private PropType typeRef() {
        PropType core = coreType();
        if (core == null) {
            return null;
        }
        int m = s.mark();
        if (s.lit("?")) {
            return core.asNullable();
        }
        s.reset(m);
        return core;
    }

    private PropType coreType() {
        int start = s.tokenStart();
        int m = s.mark();
        // list_type
        if (s.lit("[")) {
            ScalarKind k = baseType();
            if (k != null && s.lit("]")) {
                if (k == ScalarKind.BLOB) {
                    s.semanticError(CompilerErrorCode.INVALID_TYPE, s.spanFrom(start), "lists of Blob are not supported",
                            "store several blobs as separate nodes, or use [String] of URIs");
                    return PropType.listOf(ScalarKind.STRING);
                }
                return PropType.listOf(k);
            }
        }
        s.reset(m);
        // enum_type
        if (s.lit("enum") && s.lit("(")) {
            List<String> values = new ArrayList<>();
            List<Span> spans = new ArrayList<>();
            int vs = s.tokenStart();
            Optional<String> v = enumValue();
            if (v.isPresent()) {
                values.add(v.get());
                spans.add(s.spanFrom(vs));
                while (true) {
                    int mv = s.mark();
                    if (!s.lit(",")) {
                        s.reset(mv);
                        break;
                    }
                    int vs2 = s.tokenStart();
                    Optional<String> next = enumValue();
                    if (next.isEmpty()) {
                        s.reset(mv);
                        break;
                    }
                    values.add(next.get());
                    spans.add(s.spanFrom(vs2));
                }
                if (s.lit(")")) {
                    for (int i = 0; i < values.size(); i++) {
                        if (values.subList(0, i).contains(values.get(i))) {
                            s.semanticError(CompilerErrorCode.INVALID_TYPE, spans.get(i),
                                    "enum type cannot include duplicate values",
                                    "remove the second '" + values.get(i) + "'");
                        }
                    }
                    return PropType.enumOf(values);
                }
            }
        }
        s.reset(m);
        // vector_type
        if (s.lit("Vector") && s.lit("(")) {
            int ds = s.tokenStart();
            Optional<Long> dim = s.integer("vector dimension");
            if (dim.isPresent() && s.lit(")")) {
                long d = dim.get();
                if (d < 1 || d > Integer.MAX_VALUE) {
                    s.semanticError(CompilerErrorCode.INVALID_TYPE, s.spanFrom(ds),
                            "vector dimension must be between 1 and 2147483647, got " + d, null);
                    return PropType.vector(1);
                }
                return PropType.vector((int) d);
            }
        }
        s.reset(m);
        ScalarKind k = baseType();
        if (k != null) {
            return PropType.of(k);
        }
        s.reset(m);
        return null;
    }

    private ScalarKind baseType() {
        s.skipTrivia();
        for (String t : BASE_TYPES) {
            if (s.peekLit(t)) {
                s.lit(t);
                return ScalarKind.fromSourceName(t).orElseThrow();
            }
        }
        s.expected("type (String, Bool, I32, I64, U32, U64, F32, F64, Date, DateTime, Blob, Vector(n), [T] or enum(...))");
        return null;
    }

    /** {@code (letter | digit | "_" | "-")+}, atomic. */
    private Optional<String> enumValue() {
        int start = s.tokenStart();
        int i = 0;
        while (true) {
            int c = s.rawCharAt(i);
            if (c >= 0 && (PegScanner.isIdentChar((char) c) || c == '-')) {
                i++;
            } else {
                break;
            }
        }
        if (i == 0) {
            s.expected("enum value");
            return Optional.empty();
        }
        s.reset(start + i);
        return Optional.of(s.text(start, start + i));
    }

    private BodyConstraint bodyConstraint() {
        int start = s.tokenStart();
        if (!s.lit("@")) {
            return null;
        }
        String kind = null;
        for (String cn : CONSTRAINT_NAMES) {
            if (s.peekLit(cn)) {
                s.lit(cn);
                kind = cn;
                break;
            }
        }
        if (kind == null) {
            s.expected("constraint (key, unique, index, range or check)");
            return null;
        }
        if (!s.lit("(")) {
            return null;
        }
        List<ConstraintArg> args = new ArrayList<>();
        ConstraintArg first = constraintArg();
        if (first == null) {
            return null;
        }
        args.add(first);
        while (true) {
            int m = s.mark();
            if (!s.lit(",")) {
                s.reset(m);
                break;
            }
            ConstraintArg a = constraintArg();
            if (a == null) {
                s.reset(m);
                break;
            }
            args.add(a);
        }
        if (!s.lit(")")) {
            return null;
        }
        return new BodyConstraint(kind, args, s.spanFrom(start));
    }

    private ConstraintArg constraintArg() {
        int start = s.tokenStart();
        int m = s.mark();
        RangeArg r = rangeBound(start);
        if (r != null) {
            return r;
        }
        s.reset(m);
        Optional<String[]> lit = literal();
        if (lit.isPresent()) {
            return new LiteralArg(lit.get()[0], lit.get()[1], s.spanFrom(start));
        }
        s.reset(m);
        Optional<String> id = s.ident("property name");
        return id.map(v -> (ConstraintArg) new IdentArg(v, s.spanFrom(start))).orElse(null);
    }

    private RangeArg rangeBound(int start) {
        int m = s.mark();
        Optional<BigDecimal> lo = signedNum();
        if (lo.isPresent()) {
            if (!s.lit("..")) {
                return null;
            }
            int m2 = s.mark();
            Optional<BigDecimal> hi = signedNum();
            if (hi.isEmpty()) {
                s.reset(m2);
            }
            return new RangeArg(lo, hi, s.spanFrom(start));
        }
        s.reset(m);
        if (!s.lit("..")) {
            return null;
        }
        Optional<BigDecimal> hi = signedNum();
        if (hi.isEmpty()) {
            return null;
        }
        return new RangeArg(Optional.empty(), hi, s.spanFrom(start));
    }

    /** {@code ["-"] digits ["." digits]}, atomic. */
    private Optional<BigDecimal> signedNum() {
        int start = s.tokenStart();
        int i = 0;
        if (s.rawCharAt(0) == '-') {
            i++;
        }
        int ds = i;
        while (isDigit(s.rawCharAt(i))) {
            i++;
        }
        if (i == ds) {
            s.expected("number");
            return Optional.empty();
        }
        if (s.rawCharAt(i) == '.' && isDigit(s.rawCharAt(i + 1))) {
            i++;
            while (isDigit(s.rawCharAt(i))) {
                i++;
            }
        }
        s.reset(start + i);
        return Optional.of(new BigDecimal(s.text(start, start + i)));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
