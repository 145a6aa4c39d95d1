package io.omnigraph.compiler.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.lint.SchemaLintCode;
import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.SchemaIRJson;
import io.omnigraph.compiler.schema.ir.TypeKind;
import io.omnigraph.compiler.types.PropType;

import java.util.List;
import java.util.Optional;

/**
 * One step of a migration plan (spec §1.7). {@link #toJson()} gives the exact JSON shape (tag {@code kind},
 * snake_case); {@link #render()} the human line of {@code schema plan}.
 */
public sealed interface MigrationStep {

    /** The JSON tag: {@code add_type}, {@code drop_property}, {@code unsupported_change}, … */
    String kind();

    ObjectNode toJson();

    String render();

    private static ObjectNode obj(String kind) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", kind);
        return o;
    }

    record AddType(TypeKind typeKind, String name) implements MigrationStep {
        @Override
        public String kind() {
            return "add_type";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("name", name);
            return o;
        }

        @Override
        public String render() {
            return "add " + typeLabel(typeKind) + " '" + name + "'";
        }
    }

    record RenameType(TypeKind typeKind, String from, String to) implements MigrationStep {
        @Override
        public String kind() {
            return "rename_type";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("from", from);
            o.put("to", to);
            return o;
        }

        @Override
        public String render() {
            return "rename " + typeLabel(typeKind) + " '" + from + "' to '" + to + "'";
        }
    }

    record AddProperty(TypeKind typeKind, String typeName, String propertyName, PropType propertyType) implements MigrationStep {
        @Override
        public String kind() {
            return "add_property";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("type_name", typeName);
            o.put("property_name", propertyName);
            o.set("property_type", propertyType.toJson());
            return o;
        }

        @Override
        public String render() {
            return "add property '" + typeName + "." + propertyName + "' (" + propertyType.display() + ") on "
                    + typeKind.label() + " '" + typeName + "'";
        }
    }

    record RenameProperty(TypeKind typeKind, String typeName, String from, String to) implements MigrationStep {
        @Override
        public String kind() {
            return "rename_property";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("type_name", typeName);
            o.put("from", from);
            o.put("to", to);
            return o;
        }

        @Override
        public String render() {
            return "rename property '" + typeName + "." + from + "' to '" + typeName + "." + to + "' on "
                    + typeKind.label() + " '" + typeName + "'";
        }
    }

    /** Only {@code @index} additions are supported. */
    record AddConstraint(TypeKind typeKind, String typeName, ConstraintDef constraint) implements MigrationStep {
        @Override
        public String kind() {
            return "add_constraint";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("type_name", typeName);
            o.set("constraint", SchemaIRJson.constraint(constraint));
            return o;
        }

        @Override
        public String render() {
            return "add constraint " + constraint.display() + " on " + typeKind.label() + " '" + typeName + "'";
        }
    }

    record ExtendEnum(TypeKind typeKind, String typeName, String propertyName, List<String> addedValues) implements MigrationStep {
        public ExtendEnum {
            addedValues = List.copyOf(addedValues);
        }

        @Override
        public String kind() {
            return "extend_enum";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("type_name", typeName);
            o.put("property_name", propertyName);
            ArrayNode a = o.putArray("added_values");
            addedValues.forEach(a::add);
            return o;
        }

        @Override
        public String render() {
            return "extend enum '" + typeName + "." + propertyName + "' ("
                    + String.join(", ", addedValues.stream().map(v -> "+" + v).toList()) + ") on " + typeKind.label()
                    + " '" + typeName + "'";
        }
    }

    /** The desired {@code @description}/{@code @instruction} annotations of a type. */
    record UpdateTypeMetadata(TypeKind typeKind, String name, List<AnnotationDef> annotations) implements MigrationStep {
        public UpdateTypeMetadata {
            annotations = List.copyOf(annotations);
        }

        @Override
        public String kind() {
            return "update_type_metadata";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("name", name);
            o.set("annotations", SchemaIRJson.annotations(annotations));
            return o;
        }

        @Override
        public String render() {
            return "update metadata of " + typeLabel(typeKind) + " '" + name + "'";
        }
    }

    record UpdatePropertyMetadata(TypeKind typeKind, String typeName, String propertyName, List<AnnotationDef> annotations)
            implements MigrationStep {
        public UpdatePropertyMetadata {
            annotations = List.copyOf(annotations);
        }

        @Override
        public String kind() {
            return "update_property_metadata";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("type_name", typeName);
            o.put("property_name", propertyName);
            o.set("annotations", SchemaIRJson.annotations(annotations));
            return o;
        }

        @Override
        public String render() {
            return "update metadata of property '" + typeName + "." + propertyName + "' on " + typeKind.label() + " '"
                    + typeName + "'";
        }
    }

    record DropType(TypeKind typeKind, String name, DropMode mode) implements MigrationStep {
        @Override
        public String kind() {
            return "drop_type";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("name", name);
            o.put("mode", mode.label());
            return o;
        }

        @Override
        public String render() {
            return "drop " + typeLabel(typeKind) + " '" + name + "' (" + mode.label() + " mode)";
        }
    }

    record DropProperty(TypeKind typeKind, String typeName, String propertyName, DropMode mode) implements MigrationStep {
        @Override
        public String kind() {
            return "drop_property";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("type_kind", typeKind.label());
            o.put("type_name", typeName);
            o.put("property_name", propertyName);
            o.put("mode", mode.label());
            return o;
        }

        @Override
        public String render() {
            return "drop property '" + typeName + "." + propertyName + "' from " + typeKind.label() + " '" + typeName
                    + "' (" + mode.label() + " mode)";
        }
    }

    /**
     * A change the planner cannot apply; forces {@code supported: false}. {@code entity} is {@code node:T},
     * {@code edge:E}, {@code node:T.p}, {@code interface:I} or {@code schema}.
     */
    record Unsupported(String entity, String reason, Optional<SchemaLintCode> code) implements MigrationStep {
        @Override
        public String kind() {
            return "unsupported_change";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = obj(kind());
            o.put("entity", entity);
            o.put("reason", reason);
            code.ifPresent(c -> o.put("code", c.code()));
            return o;
        }

        @Override
        public String render() {
            return "unsupported change on " + entity + code.map(c -> " [" + c.code() + ", " + c.tier().label() + "]").orElse("")
                    + ": " + reason;
        }

        /** {@code [OG-MF-103] reason} (or the bare reason): the message an apply is refused with. */
        public String refusal() {
            return code.map(c -> "[" + c.code() + "] " + reason).orElse(reason);
        }
    }

    private static String typeLabel(TypeKind k) {
        return k == TypeKind.INTERFACE ? "interface" : k.label() + " type";
    }
}
