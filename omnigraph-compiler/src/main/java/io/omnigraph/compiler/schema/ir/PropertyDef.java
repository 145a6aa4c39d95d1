package io.omnigraph.compiler.schema.ir;

import io.omnigraph.compiler.types.PropType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A property of an interface, node or edge type.
 *
 * @param name        property name
 * @param propertyId  stable property id (survives renames; never reused)
 * @param type        declared type
 * @param embed       {@code @embed} metadata on a Vector property
 * @param annotations preserved annotations ({@code @description}, {@code @rename_from}, unknown ones), source order
 * @param injected    true when the property comes from an implemented interface rather than the node's own body
 * @param interfaces  implemented interfaces (sorted) that declare this property — the interface-satisfaction links
 */
public record PropertyDef(String name, long propertyId, PropType type, Optional<EmbedDef> embed,
                          List<AnnotationDef> annotations, boolean injected, List<String> interfaces) {
    public PropertyDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(embed, "embed");
        annotations = List.copyOf(annotations);
        interfaces = interfaces.stream().sorted().distinct().toList();
    }

    /** The {@code @description} text, if any. */
    public Optional<String> description() {
        return annotation("description");
    }

    /** The {@code @rename_from} hint, if any. */
    public Optional<String> renameFrom() {
        return annotation("rename_from");
    }

    public Optional<String> annotation(String annotationName) {
        return annotations.stream().filter(a -> a.name().equals(annotationName)).findFirst().flatMap(AnnotationDef::value);
    }

    public PropertyDef withId(long id) {
        return new PropertyDef(name, id, type, embed, annotations, injected, interfaces);
    }
}
