package io.omnigraph.engine.segment;

import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.PhysicalType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.VectorType;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mapping between {@link TableSchema} and Parquet schemas (see docs/storage-format.md, "Segment schema"). */
final class ParquetSchemas {
    static final String MESSAGE_NAME = "omnigraph_segment";

    private ParquetSchemas() {
    }

    static MessageType toParquet(TableSchema schema, VectorEncoding vectors) {
        List<Type> fields = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            fields.add(field(c, vectors));
        }
        return new MessageType(MESSAGE_NAME, fields);
    }

    static Type field(ColumnSpec c, VectorEncoding vectors) {
        Repetition rep = c.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        Type t = switch (c.type()) {
            case ScalarType s -> scalar(s, rep, c.name());
            case VectorType v -> vectors == VectorEncoding.FIXED_BYTES
                    ? Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(4 * v.dim()).named(c.name())
                    : list(rep, c.name(), Types.required(PrimitiveTypeName.FLOAT).named("element"));
            case ListType l -> list(rep, c.name(), scalar(l.element(), Repetition.REQUIRED, "element"));
        };
        return t.withId(c.fieldId());
    }

    private static GroupType list(Repetition rep, String name, Type element) {
        return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
    }

    private static PrimitiveType scalar(ScalarType s, Repetition rep, String name) {
        return switch (s) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
            case BLOB -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
            case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
            case I32 -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(32, true)).named(name);
            case U32 -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.intType(32, false)).named(name);
            case I64 -> Types.primitive(PrimitiveTypeName.INT64, rep).as(LogicalTypeAnnotation.intType(64, true)).named(name);
            case U64 -> Types.primitive(PrimitiveTypeName.INT64, rep).as(LogicalTypeAnnotation.intType(64, false)).named(name);
            case F32 -> Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
            case F64 -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
            case DATETIME -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(name);
        };
    }

    /** The physical type a Parquet field stores, or empty when it is not one we write. */
    static Optional<PhysicalType> physicalType(Type t) {
        if (t.isPrimitive()) {
            PrimitiveType p = t.asPrimitiveType();
            if (p.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                int len = p.getTypeLength();
                return len > 0 && len % 4 == 0 ? Optional.of(new VectorType(len / 4)) : Optional.empty();
            }
            return scalarOf(p).map(s -> (PhysicalType) s);
        }
        GroupType g = t.asGroupType();
        if (!(g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
                || g.getFieldCount() != 1 || g.getType(0).isPrimitive()
                || g.getType(0).getRepetition() != Repetition.REPEATED
                || g.getType(0).asGroupType().getFieldCount() != 1
                || !g.getType(0).asGroupType().getType(0).isPrimitive()) {
            return Optional.empty();
        }
        return scalarOf(g.getType(0).asGroupType().getType(0).asPrimitiveType()).map(s -> new ListType(s));
    }

    private static Optional<ScalarType> scalarOf(PrimitiveType p) {
        LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BINARY -> Optional.of(l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? ScalarType.STRING : ScalarType.BLOB);
            case BOOLEAN -> Optional.of(ScalarType.BOOL);
            case INT32 -> Optional.of(l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? ScalarType.DATE
                    : l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? ScalarType.U32 : ScalarType.I32);
            case INT64 -> Optional.of(l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? ScalarType.DATETIME
                    : l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? ScalarType.U64 : ScalarType.I64);
            case FLOAT -> Optional.of(ScalarType.F32);
            case DOUBLE -> Optional.of(ScalarType.F64);
            default -> Optional.empty();
        };
    }

    /** Whether data stored as {@code stored} can be read as {@code requested} (identity or lossless widening). */
    static boolean readableAs(PhysicalType stored, PhysicalType requested) {
        if (stored.equals(requested)) {
            return true;
        }
        if (stored instanceof ListType l && l.element() == ScalarType.F32 && requested instanceof VectorType) {
            return true; // LIST<float> vectors (Arrow's fixed-size-list layout); the dimension is checked per row
        }
        if (stored instanceof ListType || requested instanceof ListType) {
            return false;
        }
        return (stored == ScalarType.I32 && (requested == ScalarType.I64 || requested == ScalarType.F64))
                || (stored == ScalarType.U32 && (requested == ScalarType.I64 || requested == ScalarType.U64))
                || (stored == ScalarType.F32 && requested == ScalarType.F64);
    }
}
