package io.omnigraph.compiler.schema.ir;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.types.PropType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** JSON codec of {@link SchemaIR}: tree model, fixed key order, strict reading. */
public final class SchemaIRJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private SchemaIRJson() {
    }

    static String write(SchemaIR ir) {
        try {
            return MAPPER.writeValueAsString(toTree(ir));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String writePretty(SchemaIR ir) {
        try {
            return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toTree(ir));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The IR as a JSON tree (fixed key order). */
    public static ObjectNode toTree(SchemaIR ir) {
        ObjectNode o = F.objectNode();
        o.put("ir_version", SchemaIR.IR_VERSION);
        o.put("next_identity_id", ir.nextIdentityId());
        ArrayNode is = o.putArray("interfaces");
        for (InterfaceDef i : ir.interfaces()) {
            ObjectNode n = is.addObject();
            n.put("name", i.name());
            n.put("type_id", i.typeId());
            n.set("properties", properties(i.properties()));
            n.set("constraints", constraints(i.constraints()));
        }
        ArrayNode ns = o.putArray("nodes");
        for (NodeDef d : ir.nodes()) {
            ObjectNode n = ns.addObject();
            n.put("name", d.name());
            n.put("type_id", d.typeId());
            n.put("table_incarnation_id", d.tableIncarnationId());
            ArrayNode impl = n.putArray("implements");
            d.implementsList().forEach(impl::add);
            n.set("annotations", annotations(d.annotations()));
            n.set("properties", properties(d.properties()));
            n.set("constraints", constraints(d.constraints()));
        }
        ArrayNode es = o.putArray("edges");
        for (EdgeDef d : ir.edges()) {
            ObjectNode n = es.addObject();
            n.put("name", d.name());
            n.put("type_id", d.typeId());
            n.put("table_incarnation_id", d.tableIncarnationId());
            n.put("from", d.from());
            n.put("to", d.to());
            ObjectNode card = n.putObject("cardinality");
            card.put("min", d.cardinality().min());
            if (d.cardinality().max().isPresent()) {
                card.put("max", d.cardinality().max().getAsLong());
            } else {
                card.putNull("max");
            }
            n.set("annotations", annotations(d.annotations()));
            n.set("properties", properties(d.properties()));
            n.set("constraints", constraints(d.constraints()));
        }
        return o;
    }

    private static ArrayNode properties(List<PropertyDef> props) {
        ArrayNode a = F.arrayNode();
        for (PropertyDef p : props) {
            ObjectNode n = a.addObject();
            n.put("name", p.name());
            n.put("property_id", p.propertyId());
            n.set("type", p.type().toJson());
            if (p.embed().isPresent()) {
                ObjectNode e = n.putObject("embed");
                e.put("source", p.embed().get().source());
                if (p.embed().get().model().isPresent()) {
                    e.put("model", p.embed().get().model().get());
                } else {
                    e.putNull("model");
                }
            } else {
                n.putNull("embed");
            }
            n.put("injected", p.injected());
            ArrayNode links = n.putArray("interfaces");
            p.interfaces().forEach(links::add);
            n.set("annotations", annotations(p.annotations()));
        }
        return a;
    }

    /** {@code [{"name":"description","value":"…"}]}; {@code value} omitted when absent, {@code kwargs} when empty. */
    public static ArrayNode annotations(List<AnnotationDef> list) {
        ArrayNode a = F.arrayNode();
        for (AnnotationDef d : list) {
            ObjectNode n = a.addObject();
            n.put("name", d.name());
            d.value().ifPresent(v -> n.put("value", v));
            if (!d.kwargs().isEmpty()) {
                ObjectNode kw = n.putObject("kwargs");
                d.kwargs().forEach(kw::put);
            }
        }
        return a;
    }

    static ArrayNode constraints(List<ConstraintDef> list) {
        ArrayNode a = F.arrayNode();
        list.forEach(c -> a.add(constraint(c)));
        return a;
    }

    /** Externally tagged constraint: {@code {"Index":["title"]}}. */
    public static ObjectNode constraint(ConstraintDef c) {
        ObjectNode n = F.objectNode();
        switch (c) {
            case ConstraintDef.Key k -> strings(n.putArray("Key"), k.properties());
            case ConstraintDef.Unique u -> strings(n.putArray("Unique"), u.properties());
            case ConstraintDef.Index i -> strings(n.putArray("Index"), i.properties());
            case ConstraintDef.Range r -> {
                ObjectNode b = n.putObject("Range");
                b.put("property", r.property());
                if (r.min().isPresent()) {
                    b.put("min", r.min().get());
                } else {
                    b.putNull("min");
                }
                if (r.max().isPresent()) {
                    b.put("max", r.max().get());
                } else {
                    b.putNull("max");
                }
            }
            case ConstraintDef.Check ch -> {
                ObjectNode b = n.putObject("Check");
                b.put("property", ch.property());
                b.put("pattern", ch.pattern());
            }
        }
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    // ------------------------------------------------------------------------------------------------ reading

    static SchemaIR read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("schema IR is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            return fromTree(root);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("schema IR is malformed: " + e.getMessage());
        }
    }

    private static CompileException invalid(String message) {
        return new CompileException(Diagnostic.error(CompilerErrorCode.INVALID_IR, message));
    }

    /** Parses an IR tree; throws IllegalArgumentException on any structural problem. */
    static SchemaIR fromTree(JsonNode root) {
        obj(root, "schema IR", Set.of("ir_version", "next_identity_id", "interfaces", "nodes", "edges"));
        long version = longField(root, "ir_version");
        if (version != SchemaIR.IR_VERSION) {
            throw new IllegalArgumentException("unsupported ir_version " + version + " (this build reads "
                    + SchemaIR.IR_VERSION + ")");
        }
        List<InterfaceDef> interfaces = list(root, "interfaces", n -> {
            obj(n, "interface", Set.of("name", "type_id", "properties", "constraints"));
            return new InterfaceDef(text(n, "name"), longField(n, "type_id"), readProperties(n),
                    readConstraints(n));
        });
        List<NodeDef> nodes = list(root, "nodes", n -> {
            obj(n, "node", Set.of("name", "type_id", "table_incarnation_id", "implements", "annotations",
                    "properties", "constraints"));
            return new NodeDef(text(n, "name"), longField(n, "type_id"), longField(n, "table_incarnation_id"),
                    list(n, "implements", SchemaIRJson::asText), readAnnotations(n), readProperties(n),
                    readConstraints(n));
        });
        List<EdgeDef> edges = list(root, "edges", n -> {
            obj(n, "edge", Set.of("name", "type_id", "table_incarnation_id", "from", "to", "cardinality",
                    "annotations", "properties", "constraints"));
            JsonNode card = n.get("cardinality");
            obj(card, "cardinality", Set.of("min", "max"));
            JsonNode max = card.get("max");
            OptionalLong mx = max == null || max.isNull() ? OptionalLong.empty() : OptionalLong.of(asLong(max, "max"));
            return new EdgeDef(text(n, "name"), longField(n, "type_id"), longField(n, "table_incarnation_id"),
                    text(n, "from"), text(n, "to"), new CardinalityDef(longField(card, "min"), mx),
                    readAnnotations(n), readProperties(n), readConstraints(n));
        });
        return new SchemaIR(longField(root, "next_identity_id"), interfaces, nodes, edges);
    }

    private static List<PropertyDef> readProperties(JsonNode owner) {
        return list(owner, "properties", n -> {
            obj(n, "property", Set.of("name", "property_id", "type", "embed", "injected", "interfaces", "annotations"));
            JsonNode e = n.get("embed");
            Optional<EmbedDef> embed = Optional.empty();
            if (e != null && !e.isNull()) {
                obj(e, "embed", Set.of("source", "model"));
                JsonNode model = e.get("model");
                embed = Optional.of(new EmbedDef(text(e, "source"),
                        model == null || model.isNull() ? Optional.empty() : Optional.of(asText(model))));
            }
            JsonNode injected = n.get("injected");
            if (injected == null || !injected.isBoolean()) {
                throw new IllegalArgumentException("property.injected must be a boolean");
            }
            return new PropertyDef(text(n, "name"), longField(n, "property_id"), PropType.fromJson(n.get("type")),
                    embed, readAnnotations(n), injected.booleanValue(), list(n, "interfaces", SchemaIRJson::asText));
        });
    }

    static List<AnnotationDef> readAnnotations(JsonNode owner) {
        return list(owner, "annotations", n -> {
            obj(n, "annotation", Set.of("name", "value", "kwargs"));
            JsonNode v = n.get("value");
            Map<String, String> kwargs = new LinkedHashMap<>();
            JsonNode kw = n.get("kwargs");
            if (kw != null) {
                if (!kw.isObject()) {
                    throw new IllegalArgumentException("annotation.kwargs must be an object");
                }
                kw.fields().forEachRemaining(en -> kwargs.put(en.getKey(), asText(en.getValue())));
            }
            return new AnnotationDef(text(n, "name"), v == null ? Optional.empty() : Optional.of(asText(v)), kwargs);
        });
    }

    private static List<ConstraintDef> readConstraints(JsonNode owner) {
        return list(owner, "constraints", SchemaIRJson::readConstraint);
    }

    /** Inverse of {@link #constraint(ConstraintDef)}. */
    public static ConstraintDef readConstraint(JsonNode n) {
        if (n == null || !n.isObject() || n.size() != 1) {
            throw new IllegalArgumentException("a constraint must be an object with exactly one tag");
        }
        String tag = n.fieldNames().next();
        JsonNode body = n.get(tag);
        return switch (tag) {
            case "Key" -> new ConstraintDef.Key(strings(body, "Key"));
            case "Unique" -> new ConstraintDef.Unique(strings(body, "Unique"));
            case "Index" -> new ConstraintDef.Index(strings(body, "Index"));
            case "Range" -> {
                obj(body, "Range", Set.of("property", "min", "max"));
                yield new ConstraintDef.Range(text(body, "property"), decimal(body.get("min")), decimal(body.get("max")));
            }
            case "Check" -> {
                obj(body, "Check", Set.of("property", "pattern"));
                yield new ConstraintDef.Check(text(body, "property"), text(body, "pattern"));
            }
            default -> throw new IllegalArgumentException("unknown constraint tag " + tag);
        };
    }

    private static Optional<BigDecimal> decimal(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("range bound must be a number");
        }
        return Optional.of(n.decimalValue());
    }

    private static List<String> strings(JsonNode n, String what) {
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty array of property names");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(asText(v)));
        return out;
    }

    private static void obj(JsonNode n, String what, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' in " + what);
            }
        });
    }

    private static <T> List<T> list(JsonNode owner, String field, Function<JsonNode, T> item) {
        JsonNode a = owner.get(field);
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        List<T> out = new ArrayList<>();
        a.forEach(n -> out.add(item.apply(n)));
        return out;
    }

    private static String text(JsonNode n, String field) {
        return asText(n.get(field));
    }

    private static String asText(JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("expected a string, got " + n);
        }
        return n.textValue();
    }

    private static long longField(JsonNode n, String field) {
        return asLong(n.get(field), field);
    }

    private static long asLong(JsonNode n, String field) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return n.longValue();
    }
}
