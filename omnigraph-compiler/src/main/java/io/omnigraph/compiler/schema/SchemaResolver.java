package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostics;
import io.omnigraph.compiler.diag.Span;
import io.omnigraph.compiler.diag.Suggestions;
import io.omnigraph.compiler.schema.ResolvedSchema.RProp;
import io.omnigraph.compiler.schema.ResolvedSchema.RType;
import io.omnigraph.compiler.schema.ast.SchemaAst;
import io.omnigraph.compiler.schema.ast.SchemaAst.Annotation;
import io.omnigraph.compiler.schema.ast.SchemaAst.BodyConstraint;
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
import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.CardinalityDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.EmbedDef;
import io.omnigraph.compiler.schema.ir.TypeKind;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a parsed schema (annotation placement, constraints, interfaces, endpoints, names) and produces a
 * {@link ResolvedSchema}: types with normalized constraints and expanded interface properties.
 */
final class SchemaResolver {
    static final Set<String> RESERVED = Set.of("_rowid", "_rowaddr", "_rowoffset", "_row_created_at_version",
            "_row_last_updated_at_version");
    private static final Set<String> PROPERTY_CONSTRAINT_ANNOTATIONS = Set.of("key", "unique", "index", "embed");

    private final Diagnostics d;

    /** Per-property constraint flags from property-level annotations. */
    private record Flags(boolean key, boolean unique, boolean index) {
        static final Flags NONE = new Flags(false, false, false);
    }

    /** A property under construction with its flags and source. */
    private record PropWork(RProp prop, Flags flags, PropDecl decl) {
    }

    SchemaResolver(Diagnostics diagnostics) {
        this.d = diagnostics;
    }

    ResolvedSchema resolve(SchemaAst.File file) {
        Map<String, InterfaceDecl> interfaces = new LinkedHashMap<>();
        Map<String, NodeDecl> nodes = new LinkedHashMap<>();
        Map<String, EdgeDecl> edges = new LinkedHashMap<>();
        Map<String, EdgeDecl> folded = new HashMap<>();
        for (Decl decl : file.decls()) {
            switch (decl) {
                case InterfaceDecl i -> {
                    if (interfaces.containsKey(i.name())) {
                        d.error(CompilerErrorCode.DUPLICATE_TYPE, i.nameSpan(), "duplicate interface name '" + i.name() + "'");
                    } else {
                        interfaces.put(i.name(), i);
                    }
                }
                case NodeDecl n -> {
                    if (nodes.containsKey(n.name())) {
                        d.error(CompilerErrorCode.DUPLICATE_TYPE, n.nameSpan(), "duplicate node type name '" + n.name() + "'");
                    } else {
                        nodes.put(n.name(), n);
                    }
                }
                case EdgeDecl e -> {
                    if (edges.containsKey(e.name())) {
                        d.error(CompilerErrorCode.DUPLICATE_TYPE, e.nameSpan(), "duplicate edge type name '" + e.name() + "'");
                    } else if (folded.containsKey(e.name().toLowerCase(Locale.ROOT))) {
                        d.error(CompilerErrorCode.EDGE_NAME_COLLISION, e.nameSpan(),
                                "edge name collision after case folding: '" + folded.get(e.name().toLowerCase(Locale.ROOT)).name()
                                        + "' and '" + e.name() + "'",
                                "edge names are matched case-insensitively in queries; rename one of them");
                    } else {
                        edges.put(e.name(), e);
                        folded.put(e.name().toLowerCase(Locale.ROOT), e);
                    }
                }
            }
        }
        for (NodeDecl n : nodes.values()) {
            if (interfaces.containsKey(n.name())) {
                d.error(CompilerErrorCode.DUPLICATE_TYPE, n.nameSpan(), "node type '" + n.name()
                        + "' has the same name as an interface", "give the interface a different name");
            }
        }

        // interfaces first: nodes inject their properties
        Map<String, List<PropWork>> interfaceProps = new LinkedHashMap<>();
        List<RType> out = new ArrayList<>();
        for (InterfaceDecl i : interfaces.values()) {
            List<PropWork> props = ownProps(TypeKind.INTERFACE, i.name(), i.props());
            interfaceProps.put(i.name(), props);
            out.add(new RType(TypeKind.INTERFACE, i.name(), i.nameSpan(), List.of(), Optional.empty(),
                    props.stream().map(PropWork::prop).toList(), propertyConstraints(props), List.of(), "", "",
                    CardinalityDef.DEFAULT));
        }
        for (NodeDecl n : nodes.values()) {
            out.add(node(n, interfaces, interfaceProps));
        }
        for (EdgeDecl e : edges.values()) {
            out.add(edge(e, nodes));
        }
        return new ResolvedSchema(out);
    }

    // ------------------------------------------------------------------------------------------------ nodes

    private RType node(NodeDecl n, Map<String, InterfaceDecl> interfaces, Map<String, List<PropWork>> interfaceProps) {
        List<AnnotationDef> annotations = typeAnnotations(TypeKind.NODE, n.name(), n.annotations());
        List<PropWork> props = new ArrayList<>(ownProps(TypeKind.NODE, n.name(), n.props()));
        // interface expansion (spec §1.4)
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < props.size(); i++) {
            index.putIfAbsent(props.get(i).prop().name(), i);
        }
        Map<String, String> injectedFrom = new HashMap<>();
        List<String> impls = new ArrayList<>();
        for (NameRef ref : n.implementsList()) {
            if (impls.contains(ref.name())) {
                d.error(CompilerErrorCode.DUPLICATE_TYPE, ref.span(), "node " + n.name() + " lists interface '"
                        + ref.name() + "' twice");
                continue;
            }
            if (!interfaces.containsKey(ref.name())) {
                d.error(CompilerErrorCode.UNKNOWN_INTERFACE, ref.span(), "node " + n.name()
                        + " implements unknown interface '" + ref.name() + "'", hintDeclared(ref.name(), interfaces.keySet()));
                continue;
            }
            impls.add(ref.name());
            for (PropWork ip : interfaceProps.get(ref.name())) {
                String pn = ip.prop().name();
                Integer at = index.get(pn);
                if (at == null) {
                    RProp injected = new RProp(pn, ip.prop().span(), ip.prop().type(), ip.prop().embed(),
                            ip.prop().annotations(), true, List.of(ref.name()));
                    index.put(pn, props.size());
                    props.add(new PropWork(injected, ip.flags(), ip.decl()));
                    injectedFrom.put(pn, ref.name());
                    continue;
                }
                PropWork existing = props.get(at);
                if (!existing.prop().type().equals(ip.prop().type())) {
                    d.error(CompilerErrorCode.INTERFACE_PROPERTY_CONFLICT,
                            existing.prop().injected() ? ref.span() : existing.decl().typeSpan(),
                            "node " + n.name() + " property '" + pn + "' has type " + existing.prop().type().display()
                                    + " but interface " + ref.name() + " declares it as " + ip.prop().type().display(),
                            "declare the property with the interface's type");
                } else if (existing.prop().injected()
                        && (!existing.prop().annotations().equals(ip.prop().annotations()) || !existing.flags().equals(ip.flags()))) {
                    d.error(CompilerErrorCode.INCOMPATIBLE_INTERFACE_SEMANTICS, ref.span(),
                            "interfaces contributing '" + n.name() + "." + pn + "' have incompatible property semantics",
                            "interfaces " + injectedFrom.get(pn) + " and " + ref.name()
                                    + " must declare it with the same annotations, or declare it on the node");
                }
                List<String> links = new ArrayList<>(existing.prop().interfaces());
                links.add(ref.name());
                RProp p = existing.prop();
                props.set(at, new PropWork(new RProp(p.name(), p.span(), p.type(), p.embed(), p.annotations(), p.injected(),
                        links), existing.flags(), existing.decl()));
            }
        }
        Map<String, PropType> types = new LinkedHashMap<>();
        props.forEach(p -> types.putIfAbsent(p.prop().name(), p.prop().type()));

        // @embed sources
        for (PropWork pw : props) {
            pw.prop().embed().ifPresent(e -> {
                PropType src = types.get(e.source());
                Span at = pw.decl().span();
                if (src == null) {
                    d.error(CompilerErrorCode.INVALID_EMBED, at, "@embed on " + n.name() + "." + pw.prop().name()
                            + " references unknown property '" + e.source() + "'", hintDeclared(e.source(), types.keySet()));
                } else if (!src.isString() || src.isEnum()) {
                    d.error(CompilerErrorCode.INVALID_EMBED, at, "@embed source '" + e.source() + "' of " + n.name() + "."
                            + pw.prop().name() + " must be a String property, found " + src.display());
                }
            });
        }

        List<ConstraintDef> constraints = new ArrayList<>(propertyConstraints(props));
        for (BodyConstraint c : n.constraints()) {
            bodyConstraint(TypeKind.NODE, n.name(), c, types).ifPresent(constraints::add);
        }
        List<ConstraintDef> normalized = dedupe(constraints);
        long keys = normalized.stream().filter(c -> c instanceof ConstraintDef.Key).count();
        if (keys > 1) {
            d.error(CompilerErrorCode.MULTIPLE_KEYS, n.nameSpan(), "multiple @key constraints on node " + n.name(),
                    "declare one key; for a composite key write @key(a, b) in the body");
        }
        return new RType(TypeKind.NODE, n.name(), n.nameSpan(), annotations, renameFrom(annotations), dedupeProps(props),
                normalized, impls, "", "", CardinalityDef.DEFAULT);
    }

    // ------------------------------------------------------------------------------------------------ edges

    private RType edge(EdgeDecl e, Map<String, NodeDecl> nodes) {
        List<AnnotationDef> annotations = typeAnnotations(TypeKind.EDGE, e.name(), e.annotations());
        for (NameRef end : List.of(e.from(), e.to())) {
            if (!nodes.containsKey(end.name())) {
                d.error(CompilerErrorCode.UNKNOWN_ENDPOINT, end.span(), "edge " + e.name() + " references unknown "
                        + (end == e.from() ? "source" : "target") + " type: " + end.name(), hintDeclared(end.name(), nodes.keySet()));
            }
        }
        CardinalityDef card = CardinalityDef.DEFAULT;
        if (e.cardinality().isPresent()) {
            SchemaAst.Cardinality c = e.cardinality().get();
            if (c.max().isPresent() && c.max().getAsLong() < c.min()) {
                d.error(CompilerErrorCode.INVALID_CARDINALITY, c.span(), "@card on edge " + e.name() + " has min "
                        + c.min() + " greater than max " + c.max().getAsLong());
            } else {
                card = new CardinalityDef(c.min(), c.max().isPresent() ? OptionalLong.of(c.max().getAsLong()) : OptionalLong.empty());
            }
        }
        List<PropWork> props = ownProps(TypeKind.EDGE, e.name(), e.props());
        Map<String, PropType> types = new LinkedHashMap<>();
        props.forEach(p -> types.putIfAbsent(p.prop().name(), p.prop().type()));
        List<ConstraintDef> constraints = new ArrayList<>(propertyConstraints(props));
        for (BodyConstraint c : e.constraints()) {
            bodyConstraint(TypeKind.EDGE, e.name(), c, types).ifPresent(constraints::add);
        }
        return new RType(TypeKind.EDGE, e.name(), e.nameSpan(), annotations, renameFrom(annotations), dedupeProps(props),
                dedupe(constraints), List.of(), e.from().name(), e.to().name(), card);
    }

    // ------------------------------------------------------------------------------------------------ properties

    private List<PropWork> ownProps(TypeKind owner, String ownerName, List<PropDecl> decls) {
        List<PropWork> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PropDecl p : decls) {
            if (!seen.add(p.name())) {
                d.error(CompilerErrorCode.DUPLICATE_PROPERTY, p.nameSpan(), "duplicate property '" + p.name() + "' in "
                        + owner.label() + " " + ownerName);
                continue;
            }
            checkPropertyName(owner, ownerName, p);
            boolean key = false;
            boolean unique = false;
            boolean index = false;
            Optional<EmbedDef> embed = Optional.empty();
            List<AnnotationDef> kept = new ArrayList<>();
            Set<String> once = new HashSet<>();
            for (Annotation a : p.annotations()) {
                String an = a.name();
                boolean onceOnly = PROPERTY_CONSTRAINT_ANNOTATIONS.contains(an) || an.equals("description")
                        || an.equals("rename_from");
                if (onceOnly && !once.add(an)) {
                    d.error(CompilerErrorCode.DUPLICATE_ANNOTATION, a.span(), "duplicate @" + an + " on property '"
                            + p.name() + "'", "remove the second @" + an);
                    continue;
                }
                switch (an) {
                    case "key" -> {
                        if (owner == TypeKind.EDGE) {
                            d.error(CompilerErrorCode.MISPLACED_ANNOTATION, a.span(), "@key is not allowed on edge property '"
                                    + p.name() + "'", "edges are never keyed; use @unique for uniqueness");
                        } else if (checkKeyType(p.name(), p.type(), a.span())) {
                            key = true;
                        }
                    }
                    case "unique" -> {
                        if (p.type().list() || p.type().isVector() || p.type().scalar() == ScalarKind.BLOB) {
                            d.error(CompilerErrorCode.INVALID_CONSTRAINT, a.span(), "@unique is not supported on "
                                    + p.type().display() + " property '" + p.name() + "'");
                        } else {
                            unique = true;
                        }
                    }
                    case "index" -> {
                        if (p.type().list() || p.type().scalar() == ScalarKind.BLOB) {
                            d.error(CompilerErrorCode.INVALID_CONSTRAINT, a.span(), "@index is not supported on "
                                    + p.type().display() + " property '" + p.name() + "'");
                        } else {
                            index = true;
                        }
                    }
                    case "embed" -> embed = embed(owner, p, a);
                    case "instruction" -> d.error(CompilerErrorCode.MISPLACED_ANNOTATION, a.span(),
                            "@instruction is not allowed on property '" + p.name() + "'",
                            "use @description on properties; @instruction goes on node and edge types");
                    case "description" -> {
                        nonEmptyArg(a, "@description on property '" + p.name() + "'");
                        kept.add(def(a));
                    }
                    case "rename_from" -> {
                        renameArg(a, "property '" + p.name() + "'");
                        kept.add(def(a));
                    }
                    default -> kept.add(def(a));
                }
            }
            RProp prop = new RProp(p.name(), p.span(), p.type(), embed, kept, false, List.of());
            out.add(new PropWork(prop, new Flags(key, unique, index), p));
        }
        return out;
    }

    private void checkPropertyName(TypeKind owner, String ownerName, PropDecl p) {
        if (RESERVED.contains(p.name())) {
            d.error(CompilerErrorCode.RESERVED_NAME, p.nameSpan(), "property name '" + p.name() + "' is reserved",
                    "names starting with _row are physical columns; pick another name");
        } else if (p.name().equals("id") || (owner == TypeKind.EDGE && (p.name().equals("src") || p.name().equals("dst")))) {
            d.error(CompilerErrorCode.RESERVED_NAME, p.nameSpan(), "property name '" + p.name() + "' is reserved: it is a system column of every "
                    + (p.name().equals("id") ? "node and edge" : "edge") + " table", p.name().equals("id")
                    ? "use @key on your own identifier property (e.g. slug: String @key); ids are derived from it"
                    : "edge endpoints are given as from/to; pick another property name");
        }
    }

    private Optional<EmbedDef> embed(TypeKind owner, PropDecl p, Annotation a) {
        if (owner != TypeKind.NODE) {
            d.error(CompilerErrorCode.MISPLACED_ANNOTATION, a.span(), "@embed is only allowed on node properties, not on "
                    + owner.label() + " property '" + p.name() + "'");
            return Optional.empty();
        }
        if (!p.type().isVector()) {
            d.error(CompilerErrorCode.INVALID_EMBED, a.span(), "@embed requires a Vector property, '" + p.name() + "' is "
                    + p.type().display());
            return Optional.empty();
        }
        if (a.arg().isEmpty() || a.arg().get().isEmpty()) {
            d.error(CompilerErrorCode.INVALID_EMBED, a.span(), "@embed on '" + p.name() + "' needs the source property",
                    "write @embed(\"title\") or @embed(\"title\", model=\"…\")");
            return Optional.empty();
        }
        for (String k : a.kwargs().keySet()) {
            if (!k.equals("model")) {
                d.error(CompilerErrorCode.INVALID_EMBED, a.span(), "@embed accepts only the keyword argument 'model', got '" + k + "'");
                return Optional.empty();
            }
        }
        return Optional.of(new EmbedDef(a.arg().get(), Optional.ofNullable(a.kwargs().get("model"))));
    }

    private boolean checkKeyType(String prop, PropType t, Span at) {
        String problem = t.nullable() ? "nullable" : t.list() ? "a list" : t.isVector() ? "a Vector"
                : t.scalar() == ScalarKind.BLOB ? "a Blob" : null;
        if (problem != null) {
            d.error(CompilerErrorCode.INVALID_KEY, at, "@key property '" + prop + "' cannot be " + problem + " ("
                    + t.display() + ")", "key members must be non-nullable scalars (String, integers, floats, Bool, Date, DateTime)");
            return false;
        }
        return true;
    }

    private static List<ConstraintDef> propertyConstraints(List<PropWork> props) {
        List<ConstraintDef> out = new ArrayList<>();
        for (PropWork p : props) {
            if (p.flags().key()) {
                out.add(new ConstraintDef.Key(List.of(p.prop().name())));
            }
        }
        for (PropWork p : props) {
            if (p.flags().unique()) {
                out.add(new ConstraintDef.Unique(List.of(p.prop().name())));
            }
        }
        for (PropWork p : props) {
            if (p.flags().index()) {
                out.add(new ConstraintDef.Index(List.of(p.prop().name())));
            }
        }
        return out;
    }

    private static List<RProp> dedupeProps(List<PropWork> props) {
        Map<String, RProp> byName = new LinkedHashMap<>();
        props.forEach(p -> byName.putIfAbsent(p.prop().name(), p.prop()));
        return List.copyOf(byName.values());
    }

    private static List<ConstraintDef> dedupe(List<ConstraintDef> constraints) {
        return List.copyOf(new LinkedHashSet<>(constraints));
    }

    // ------------------------------------------------------------------------------------------------ body constraints

    private Optional<ConstraintDef> bodyConstraint(TypeKind owner, String ownerName, BodyConstraint c, Map<String, PropType> types) {
        if (owner == TypeKind.EDGE && (c.kind().equals("key") || c.kind().equals("range") || c.kind().equals("check"))) {
            d.error(CompilerErrorCode.MISPLACED_ANNOTATION, c.span(), "@" + c.kind() + " is not allowed in an edge body",
                    c.kind().equals("key") ? "edges are never keyed; use @unique(src, dst) for one edge per pair" : null);
            return Optional.empty();
        }
        return switch (c.kind()) {
            case "key", "unique", "index" -> memberConstraint(owner, ownerName, c, types);
            case "range" -> range(ownerName, c, types);
            case "check" -> check(ownerName, c, types);
            default -> throw new IllegalStateException(c.kind());
        };
    }

    private Optional<ConstraintDef> memberConstraint(TypeKind owner, String ownerName, BodyConstraint c, Map<String, PropType> types) {
        List<String> members = new ArrayList<>();
        boolean ok = true;
        for (ConstraintArg arg : c.args()) {
            if (!(arg instanceof IdentArg id)) {
                d.error(CompilerErrorCode.INVALID_CONSTRAINT, arg.span(), "expected property name in constraint",
                        "write property names without quotes, e.g. @" + c.kind() + "(email)");
                ok = false;
                continue;
            }
            boolean structural = owner == TypeKind.EDGE && (id.name().equals("src") || id.name().equals("dst"));
            PropType t = types.get(id.name());
            if (t == null && !structural) {
                d.error(CompilerErrorCode.UNKNOWN_CONSTRAINT_PROPERTY, id.span(), "@" + c.kind() + " on " + ownerName
                        + " references unknown property '" + id.name() + "'", hintDeclared(id.name(), types.keySet()));
                ok = false;
                continue;
            }
            if (members.contains(id.name())) {
                d.error(CompilerErrorCode.INVALID_CONSTRAINT, id.span(), "@" + c.kind() + " on " + ownerName + " names '"
                        + id.name() + "' twice");
                ok = false;
                continue;
            }
            if (t != null) {
                if (c.kind().equals("key") && !checkKeyType(id.name(), t, id.span())) {
                    ok = false;
                } else if (!c.kind().equals("key") && t.scalar() == ScalarKind.BLOB) {
                    d.error(CompilerErrorCode.INVALID_CONSTRAINT, id.span(), "@" + c.kind() + " is not supported on Blob property '"
                            + id.name() + "'");
                    ok = false;
                }
            }
            members.add(id.name());
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(switch (c.kind()) {
            case "key" -> new ConstraintDef.Key(members);
            case "unique" -> new ConstraintDef.Unique(members);
            default -> new ConstraintDef.Index(members);
        });
    }

    private Optional<ConstraintDef> range(String ownerName, BodyConstraint c, Map<String, PropType> types) {
        if (c.args().size() != 2 || !(c.args().get(0) instanceof IdentArg id) || !(c.args().get(1) instanceof RangeArg r)) {
            if (!c.args().isEmpty() && !(c.args().get(0) instanceof IdentArg)) {
                d.error(CompilerErrorCode.INVALID_CONSTRAINT, c.args().get(0).span(), "expected property name in constraint");
            } else {
                d.error(CompilerErrorCode.INVALID_CONSTRAINT, c.span(), "@range expects a property and a range, e.g. @range(age, 0..120)");
            }
            return Optional.empty();
        }
        PropType t = types.get(id.name());
        if (t == null) {
            d.error(CompilerErrorCode.UNKNOWN_CONSTRAINT_PROPERTY, id.span(), "@range on " + ownerName
                    + " references unknown property '" + id.name() + "'", hintDeclared(id.name(), types.keySet()));
            return Optional.empty();
        }
        if (!t.scalar().isNumeric()) {
            d.error(CompilerErrorCode.INVALID_CONSTRAINT, id.span(), "@range on " + ownerName + "." + id.name()
                    + " requires a numeric property, found " + t.display());
            return Optional.empty();
        }
        if (r.lo().isPresent() && r.hi().isPresent() && r.lo().get().compareTo(r.hi().get()) > 0) {
            d.error(CompilerErrorCode.INVALID_CONSTRAINT, r.span(), "@range on " + ownerName + "." + id.name()
                    + " has min " + r.lo().get().toPlainString() + " greater than max " + r.hi().get().toPlainString());
            return Optional.empty();
        }
        return Optional.of(new ConstraintDef.Range(id.name(), r.lo(), r.hi()));
    }

    private Optional<ConstraintDef> check(String ownerName, BodyConstraint c, Map<String, PropType> types) {
        if (c.args().size() != 2 || !(c.args().get(0) instanceof IdentArg id)
                || !(c.args().get(1) instanceof LiteralArg lit) || !lit.kind().equals("string")) {
            if (!c.args().isEmpty() && !(c.args().get(0) instanceof IdentArg)) {
                d.error(CompilerErrorCode.INVALID_CONSTRAINT, c.args().get(0).span(), "expected property name in constraint");
            } else {
                d.error(CompilerErrorCode.INVALID_CONSTRAINT, c.span(), "@check expects a property and a quoted pattern, e.g. @check(email, \"@\")");
            }
            return Optional.empty();
        }
        PropType t = types.get(id.name());
        if (t == null) {
            d.error(CompilerErrorCode.UNKNOWN_CONSTRAINT_PROPERTY, id.span(), "@check on " + ownerName
                    + " references unknown property '" + id.name() + "'", hintDeclared(id.name(), types.keySet()));
            return Optional.empty();
        }
        if (t.scalar() != ScalarKind.STRING) {
            d.error(CompilerErrorCode.INVALID_CONSTRAINT, id.span(), "@check on " + ownerName + "." + id.name()
                    + " requires a String property, found " + t.display());
            return Optional.empty();
        }
        try {
            compileCheckPattern(lit.text());
        } catch (PatternSyntaxException e) {
            d.error(CompilerErrorCode.INVALID_CHECK_PATTERN, lit.span(), "@check on " + ownerName + "." + id.name()
                    + " has an invalid pattern: " + e.getDescription());
            return Optional.empty();
        }
        return Optional.of(new ConstraintDef.Check(id.name(), lit.text()));
    }

    /**
     * Compiles a {@code @check} pattern with Java regex after translating Rust's named-group syntax
     * {@code (?P<name>…)}; matching is an unanchored search ({@code Matcher.find()}).
     */
    static Pattern compileCheckPattern(String pattern) {
        return Pattern.compile(pattern.replace("(?P<", "(?<"));
    }

    // ------------------------------------------------------------------------------------------------ annotations

    private List<AnnotationDef> typeAnnotations(TypeKind kind, String owner, List<Annotation> annotations) {
        List<AnnotationDef> kept = new ArrayList<>();
        Set<String> once = new HashSet<>();
        for (Annotation a : annotations) {
            String an = a.name();
            if (PROPERTY_CONSTRAINT_ANNOTATIONS.contains(an)) {
                d.error(CompilerErrorCode.MISPLACED_ANNOTATION, a.span(), "@" + an + " is not allowed as " + (kind == TypeKind.EDGE ? "an " : "a ") + kind.label()
                        + " annotation on " + owner, an.equals("embed") ? "put @embed(\"source\") on a Vector property"
                        : "write it on a property (name: String @" + an + ") or as a body constraint @" + an + "(name)");
                continue;
            }
            if ((an.equals("description") || an.equals("instruction") || an.equals("rename_from")) && !once.add(an)) {
                d.error(CompilerErrorCode.DUPLICATE_ANNOTATION, a.span(), "duplicate @" + an + " on " + kind.label() + " " + owner,
                        "remove the second @" + an);
                continue;
            }
            switch (an) {
                case "description", "instruction" -> nonEmptyArg(a, "@" + an + " on " + kind.label() + " " + owner);
                case "rename_from" -> renameArg(a, kind.label() + " " + owner);
                case "card" -> {
                    if (kind == TypeKind.EDGE) {
                        d.error(CompilerErrorCode.INVALID_CARDINALITY, a.span(), "@card on edge " + owner
                                + " must be written as @card(min..max) right after the endpoints",
                                "e.g. edge WorksAt: Person -> Company @card(0..1)");
                        continue;
                    }
                }
                default -> {
                }
            }
            kept.add(def(a));
        }
        return kept;
    }

    private void nonEmptyArg(Annotation a, String what) {
        if (a.arg().isEmpty() || a.arg().get().isBlank()) {
            d.error(CompilerErrorCode.INVALID_ANNOTATION, a.span(), what + " needs a non-empty text", "e.g. @" + a.name() + "(\"…\")");
        }
    }

    private void renameArg(Annotation a, String what) {
        if (a.arg().isEmpty() || a.arg().get().isEmpty() || !a.kwargs().isEmpty()) {
            d.error(CompilerErrorCode.INVALID_ANNOTATION, a.span(), "@rename_from on " + what
                    + " takes exactly one non-empty name and no keyword arguments", "e.g. @rename_from(\"old_name\")");
        }
    }

    private static AnnotationDef def(Annotation a) {
        return new AnnotationDef(a.name(), a.arg(), a.kwargs());
    }

    private static Optional<String> renameFrom(List<AnnotationDef> annotations) {
        return annotations.stream().filter(a -> a.name().equals("rename_from")).findFirst().flatMap(AnnotationDef::value);
    }

    private static String hintDeclared(String name, Set<String> declared) {
        return Suggestions.didYouMean(name, declared);
    }
}
