package io.omnigraph.compiler.schema.ast;

import io.omnigraph.compiler.diag.Span;
import io.omnigraph.compiler.types.PropType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The syntax tree of a {@code .pg} file (spec §1.1), with spans for diagnostics. */
public final class SchemaAst {
    private SchemaAst() {
    }

    public record File(List<Decl> decls) {
        public File {
            decls = List.copyOf(decls);
        }
    }

    /** A top-level declaration. */
    public sealed interface Decl permits InterfaceDecl, NodeDecl, EdgeDecl {
        String name();

        Span nameSpan();

        Span span();

        List<Annotation> annotations();

        List<PropDecl> props();

        List<BodyConstraint> constraints();
    }

    public record InterfaceDecl(String name, Span nameSpan, List<PropDecl> props, Span span) implements Decl {
        public InterfaceDecl {
            props = List.copyOf(props);
        }

        @Override
        public List<Annotation> annotations() {
            return List.of();
        }

        @Override
        public List<BodyConstraint> constraints() {
            return List.of();
        }
    }

    public record NodeDecl(String name, Span nameSpan, List<Annotation> annotations, List<NameRef> implementsList,
                           List<PropDecl> props, List<BodyConstraint> constraints, Span span) implements Decl {
        public NodeDecl {
            annotations = List.copyOf(annotations);
            implementsList = List.copyOf(implementsList);
            props = List.copyOf(props);
            constraints = List.copyOf(constraints);
        }
    }

    public record EdgeDecl(String name, Span nameSpan, NameRef from, NameRef to, Optional<Cardinality> cardinality,
                           List<Annotation> annotations, List<PropDecl> props, List<BodyConstraint> constraints,
                           Span span) implements Decl {
        public EdgeDecl {
            annotations = List.copyOf(annotations);
            props = List.copyOf(props);
            constraints = List.copyOf(constraints);
        }
    }

    public record NameRef(String name, Span span) {
    }

    public record Cardinality(long min, OptionalLong max, Span span) {
    }

    public record PropDecl(String name, Span nameSpan, PropType type, Span typeSpan, List<Annotation> annotations,
                           Span span) {
        public PropDecl {
            annotations = List.copyOf(annotations);
        }
    }

    /**
     * {@code @name} or {@code @name(arg, k=v, …)}. The positional argument is kept as a string: a quoted literal is
     * unescaped, an identifier or number is taken verbatim. Keyword arguments keep source order.
     */
    public record Annotation(String name, Optional<String> arg, Map<String, String> kwargs, Span span,
                             Optional<Span> argSpan) {
        public Annotation {
            kwargs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
        }

        public boolean hasArgs() {
            return arg.isPresent();
        }
    }

    /** A body constraint {@code @key|@unique|@index|@range|@check(args)}. */
    public record BodyConstraint(String kind, List<ConstraintArg> args, Span span) {
        public BodyConstraint {
            args = List.copyOf(args);
        }
    }

    public sealed interface ConstraintArg permits IdentArg, LiteralArg, RangeArg {
        Span span();
    }

    public record IdentArg(String name, Span span) implements ConstraintArg {
    }

    /** A literal argument: {@code kind} is string, integer, float or bool; {@code text} is the (unescaped) value. */
    public record LiteralArg(String kind, String text, Span span) implements ConstraintArg {
    }

    /** {@code lo..hi}, {@code lo..} or {@code ..hi}; bounds are exact decimals. */
    public record RangeArg(Optional<BigDecimal> lo, Optional<BigDecimal> hi, Span span) implements ConstraintArg {
    }
}
