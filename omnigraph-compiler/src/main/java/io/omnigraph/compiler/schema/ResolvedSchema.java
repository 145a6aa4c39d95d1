package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.diag.Span;
import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.CardinalityDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.EmbedDef;
import io.omnigraph.compiler.schema.ir.TypeKind;
import io.omnigraph.compiler.types.PropType;

import java.util.List;
import java.util.Optional;

/** A validated schema before identities are assigned (internal to the schema compiler). */
record ResolvedSchema(List<RType> types) {

    record RType(TypeKind kind, String name, Span nameSpan, List<AnnotationDef> annotations,
                 Optional<String> renameFrom, List<RProp> props, List<ConstraintDef> constraints,
                 List<String> implementsList, String from, String to, CardinalityDef card) {
    }

    record RProp(String name, Span span, PropType type, Optional<EmbedDef> embed, List<AnnotationDef> annotations,
                 boolean injected, List<String> interfaces) {
        Optional<String> renameFrom() {
            return annotations.stream().filter(a -> a.name().equals("rename_from")).findFirst().flatMap(AnnotationDef::value);
        }
    }
}
