package io.omnigraph.compiler.migrate;

import io.omnigraph.compiler.lint.SchemaLintCode;
import io.omnigraph.compiler.migrate.MigrationStep.Unsupported;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.CardinalityDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.EdgeDef;
import io.omnigraph.compiler.schema.ir.InterfaceDef;
import io.omnigraph.compiler.schema.ir.NodeDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.schema.ir.TypeKind;
import io.omnigraph.compiler.types.PropType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plans a schema migration from an accepted IR to a desired IR (spec §1.7). The desired IR must have been produced by
 * {@link SchemaCompiler#evolve} against the accepted one, so types and properties are matched by stable id (renames
 * via {@code @rename_from} are id-preserving). Stateless and thread-safe.
 *
 * <p>Step order: interface steps, node steps, edge steps; within a kind, types in desired-name order (additions and
 * changes) with removals last; within a matched type: rename, implements/endpoint/{@code @card} rejections, type
 * metadata, then per property (name order) rename → type/enum → {@code @embed} → property constraints →
 * provenance/links → property metadata, then {@code drop_property} steps, then body-constraint steps.
 */
public final class MigrationPlanner {
    private static final Set<String> TYPE_METADATA = Set.of("description", "instruction");
    private static final Set<String> PROPERTY_METADATA = Set.of("description");
    private static final String RENAME_FROM = "rename_from";

    /** A desired schema compiled against an accepted one, and the plan between them. */
    public record SchemaMigration(CompiledSchema accepted, CompiledSchema desired, MigrationPlan plan) {
    }

    private MigrationPlanner() {
    }

    /**
     * Compiles {@code desiredSource} against the accepted schema (ids preserved) and plans the migration.
     *
     * @throws io.omnigraph.compiler.diag.CompileException when the desired schema does not compile
     */
    public static SchemaMigration plan(CompiledSchema accepted, String desiredSource, String desiredFileName,
                                       boolean allowDataLoss) {
        CompiledSchema desired = SchemaCompiler.evolve(desiredSource, desiredFileName, accepted.ir());
        return new SchemaMigration(accepted, desired, plan(accepted.ir(), desired.ir(), allowDataLoss));
    }

    /**
     * Plans the migration between two IRs. Drops are {@code soft} unless {@code allowDataLoss} promotes them to
     * {@code hard}.
     *
     * @throws IllegalArgumentException if {@code desired} was not evolved from {@code accepted}
     */
    public static MigrationPlan plan(SchemaIR accepted, SchemaIR desired, boolean allowDataLoss) {
        if (desired.nextIdentityId() < accepted.nextIdentityId()) {
            throw new IllegalArgumentException("the desired schema IR was not evolved from the accepted one "
                    + "(compile it with SchemaCompiler.evolve)");
        }
        return new Planner(accepted, desired, allowDataLoss ? DropMode.HARD : DropMode.SOFT).run();
    }

    /** A type of either kind viewed uniformly. */
    private record T(TypeKind kind, String name, long id, List<String> implementsList, List<AnnotationDef> annotations,
                     List<PropertyDef> props, List<ConstraintDef> constraints, String from, String to, CardinalityDef card) {
        static T of(InterfaceDef i) {
            return new T(TypeKind.INTERFACE, i.name(), i.typeId(), List.of(), List.of(), i.properties(), i.constraints(),
                    "", "", CardinalityDef.DEFAULT);
        }

        static T of(NodeDef n) {
            return new T(TypeKind.NODE, n.name(), n.typeId(), n.implementsList(), n.annotations(), n.properties(),
                    n.constraints(), "", "", CardinalityDef.DEFAULT);
        }

        static T of(EdgeDef e) {
            return new T(TypeKind.EDGE, e.name(), e.typeId(), List.of(), e.annotations(), e.properties(), e.constraints(),
                    e.from(), e.to(), e.cardinality());
        }
    }

    /** A constraint with member names replaced by property ids (so renames are not constraint changes). */
    private record CKey(String tag, List<Long> members, String extra) {
    }

    private static final class Planner {
        private final SchemaIR accepted;
        private final SchemaIR desired;
        private final DropMode dropMode;
        private final List<MigrationStep> steps = new ArrayList<>();
        private final Map<String, Long> acceptedNodeIds;
        private final Map<String, Long> desiredNodeIds;

        Planner(SchemaIR accepted, SchemaIR desired, DropMode dropMode) {
            this.accepted = accepted;
            this.desired = desired;
            this.dropMode = dropMode;
            this.acceptedNodeIds = accepted.nodes().stream().collect(Collectors.toMap(NodeDef::name, NodeDef::typeId));
            this.desiredNodeIds = desired.nodes().stream().collect(Collectors.toMap(NodeDef::name, NodeDef::typeId));
        }

        MigrationPlan run() {
            kind(accepted.interfaces().stream().map(T::of).toList(), desired.interfaces().stream().map(T::of).toList());
            kind(accepted.nodes().stream().map(T::of).toList(), desired.nodes().stream().map(T::of).toList());
            kind(accepted.edges().stream().map(T::of).toList(), desired.edges().stream().map(T::of).toList());
            return MigrationPlan.of(steps);
        }

        private void kind(List<T> acc, List<T> des) {
            Map<Long, T> byId = acc.stream().collect(Collectors.toMap(T::id, Function.identity()));
            Set<Long> matched = new HashSet<>();
            for (T d : des.stream().sorted(Comparator.comparing(T::name, SchemaIR::compareBytes)).toList()) {
                T a = byId.get(d.id());
                if (a == null) {
                    steps.add(new MigrationStep.AddType(d.kind(), d.name()));
                } else {
                    matched.add(a.id());
                    type(a, d);
                }
            }
            for (T a : acc.stream().sorted(Comparator.comparing(T::name, SchemaIR::compareBytes)).toList()) {
                if (!matched.contains(a.id())) {
                    if (a.kind() == TypeKind.INTERFACE) {
                        steps.add(unsupported("interface:" + a.name(), "removing interface '" + a.name() + "' is not supported",
                                null));
                    } else {
                        steps.add(new MigrationStep.DropType(a.kind(), a.name(), dropMode));
                    }
                }
            }
        }

        private void type(T a, T d) {
            String entity = d.kind().label() + ":" + d.name();
            if (!a.name().equals(d.name())) {
                if (d.kind() == TypeKind.INTERFACE) {
                    steps.add(unsupported("interface:" + a.name(), "renaming interface '" + a.name() + "' to '" + d.name()
                            + "' is not supported", null));
                } else {
                    steps.add(new MigrationStep.RenameType(d.kind(), a.name(), d.name()));
                }
            }
            if (!new HashSet<>(a.implementsList()).equals(new HashSet<>(d.implementsList()))) {
                steps.add(unsupported(entity, "changing the interfaces node '" + d.name() + "' implements (" + a.implementsList()
                        + " to " + d.implementsList() + ") is not supported", null));
            }
            if (d.kind() == TypeKind.EDGE) {
                if (!Objects.equals(acceptedNodeIds.get(a.from()), desiredNodeIds.get(d.from()))
                        || !Objects.equals(acceptedNodeIds.get(a.to()), desiredNodeIds.get(d.to()))) {
                    steps.add(unsupported(entity, "changing the endpoints of edge '" + d.name() + "' (" + a.from() + " -> "
                            + a.to() + " to " + d.from() + " -> " + d.to() + ") is not supported", null));
                }
                if (!a.card().equals(d.card())) {
                    steps.add(unsupported(entity, "changing @card of edge '" + d.name() + "' (" + a.card().display() + " to "
                            + d.card().display() + ") is not supported", null));
                }
            }
            annotations(entity, d.kind().label() + " '" + d.name() + "'", a.annotations(), d.annotations(), TYPE_METADATA)
                    .ifPresent(meta -> steps.add(new MigrationStep.UpdateTypeMetadata(d.kind(), d.name(), meta)));
            properties(a, d);
            bodyConstraints(a, d);
        }

        /**
         * Compares annotations: changes to metadata annotations yield the desired metadata set; changes to anything
         * other than metadata and {@code @rename_from} are unsupported.
         */
        private Optional<List<AnnotationDef>> annotations(String entity, String what, List<AnnotationDef> a, List<AnnotationDef> d,
                                                          Set<String> metadata) {
            List<AnnotationDef> otherA = a.stream().filter(x -> !metadata.contains(x.name()) && !x.name().equals(RENAME_FROM)).toList();
            List<AnnotationDef> otherD = d.stream().filter(x -> !metadata.contains(x.name()) && !x.name().equals(RENAME_FROM)).toList();
            if (!multiset(otherA).equals(multiset(otherD))) {
                Set<String> names = new java.util.TreeSet<>();
                otherA.forEach(x -> names.add(x.name()));
                otherD.forEach(x -> names.add(x.name()));
                names.removeIf(n -> otherA.stream().filter(x -> x.name().equals(n)).collect(Collectors.toSet())
                        .equals(otherD.stream().filter(x -> x.name().equals(n)).collect(Collectors.toSet())));
                steps.add(unsupported(entity, "changing annotation " + names.stream().map(n -> "@" + n)
                        .collect(Collectors.joining(", ")) + " on " + what + " is not supported", null));
            }
            List<AnnotationDef> metaA = a.stream().filter(x -> metadata.contains(x.name())).toList();
            List<AnnotationDef> metaD = d.stream().filter(x -> metadata.contains(x.name())).toList();
            return multiset(metaA).equals(multiset(metaD)) ? Optional.empty() : Optional.of(metaD);
        }

        private static Map<AnnotationDef, Long> multiset(List<AnnotationDef> list) {
            return list.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }

        private void properties(T a, T d) {
            Map<Long, PropertyDef> accById = a.props().stream().collect(Collectors.toMap(PropertyDef::propertyId, Function.identity()));
            Map<Long, List<CKey>> accPropConstraints = propertyConstraints(a);
            Map<Long, List<CKey>> desPropConstraints = propertyConstraints(d);
            Map<CKey, ConstraintDef> desConstraintDefs = constraintDefs(d);
            Set<Long> seen = new HashSet<>();
            for (PropertyDef dp : d.props()) {
                PropertyDef ap = accById.get(dp.propertyId());
                String entity = d.kind().label() + ":" + d.name() + "." + dp.name();
                if (ap == null) {
                    newProperty(d, dp, entity, desPropConstraints.getOrDefault(dp.propertyId(), List.of()), desConstraintDefs);
                    continue;
                }
                seen.add(ap.propertyId());
                if (!ap.name().equals(dp.name())) {
                    steps.add(new MigrationStep.RenameProperty(d.kind(), d.name(), ap.name(), dp.name()));
                }
                type(d, ap, dp, entity);
                if (!ap.embed().equals(dp.embed())) {
                    steps.add(unsupported(entity, "changing @embed of '" + d.name() + "." + dp.name() + "' is not supported", null));
                }
                constraintDiff(d, entity, accPropConstraints.getOrDefault(ap.propertyId(), List.of()),
                        desPropConstraints.getOrDefault(dp.propertyId(), List.of()), desConstraintDefs);
                if (ap.injected() != dp.injected()) {
                    steps.add(unsupported(entity, "changing whether '" + d.name() + "." + dp.name()
                            + "' is declared or injected from an interface is not supported", null));
                } else if (!ap.interfaces().equals(dp.interfaces())) {
                    steps.add(unsupported(entity, "changing which interfaces '" + d.name() + "." + dp.name()
                            + "' satisfies is not supported", null));
                }
                annotations(entity, "property '" + d.name() + "." + dp.name() + "'", ap.annotations(), dp.annotations(),
                        PROPERTY_METADATA).ifPresent(meta -> steps.add(new MigrationStep.UpdatePropertyMetadata(
                        d.kind(), d.name(), dp.name(), meta)));
            }
            for (PropertyDef ap : a.props()) {
                if (!seen.contains(ap.propertyId())) {
                    steps.add(new MigrationStep.DropProperty(d.kind(), d.name(), ap.name(), dropMode));
                }
            }
        }

        private void newProperty(T d, PropertyDef dp, String entity, List<CKey> constraints, Map<CKey, ConstraintDef> defs) {
            if (dp.type().nullable()) {
                steps.add(new MigrationStep.AddProperty(d.kind(), d.name(), dp.name(), dp.type()));
            } else {
                steps.add(unsupported(entity, "adding required property '" + d.name() + "." + dp.name() + "' ("
                        + dp.type().display() + ") to " + d.kind().label() + " '" + d.name()
                        + "' needs a value for existing rows; declare it nullable (" + dp.type().asNullable().display() + ")",
                        SchemaLintCode.OG_MF_103));
            }
            constraintDiff(d, entity, List.of(), constraints, defs);
        }

        private void type(T d, PropertyDef ap, PropertyDef dp, String entity) {
            PropType at = ap.type();
            PropType dt = dp.type();
            if (at.equals(dt)) {
                return;
            }
            boolean widening = at.isEnum() && dt.isEnum() && at.nullable() == dt.nullable() && at.list() == dt.list()
                    && dt.enumValues().containsAll(at.enumValues()) && dt.enumValues().size() > at.enumValues().size();
            if (widening) {
                List<String> added = dt.enumValues().stream().filter(v -> !at.enumValues().contains(v)).toList();
                steps.add(new MigrationStep.ExtendEnum(d.kind(), d.name(), dp.name(), added));
            } else {
                steps.add(unsupported(entity, "changing the type of '" + d.name() + "." + dp.name() + "' from " + at.display()
                        + " to " + dt.display() + " is not supported (only adding enum values is)", SchemaLintCode.OG_MF_106));
            }
        }

        private void bodyConstraints(T a, T d) {
            constraintDiff(d, d.kind().label() + ":" + d.name(), bodyKeys(a), bodyKeys(d), constraintDefs(d));
        }

        private void constraintDiff(T d, String entity, List<CKey> acc, List<CKey> des, Map<CKey, ConstraintDef> desDefs) {
            for (CKey k : des) {
                if (acc.contains(k)) {
                    continue;
                }
                ConstraintDef c = desDefs.get(k);
                if (c instanceof ConstraintDef.Index) {
                    steps.add(new MigrationStep.AddConstraint(d.kind(), d.name(), c));
                } else {
                    steps.add(unsupported(entity, "adding " + c.display() + " to existing " + d.kind().label() + " '" + d.name()
                            + "' is not supported (existing rows are not re-validated)", null));
                }
            }
            for (CKey k : acc) {
                if (!des.contains(k)) {
                    steps.add(unsupported(entity, "removing a " + k.tag().toLowerCase(java.util.Locale.ROOT) + " constraint from "
                            + d.kind().label() + " '" + d.name() + "' is not supported", null));
                }
            }
        }

        /** Single-member Key/Unique/Index constraints per property id. */
        private static Map<Long, List<CKey>> propertyConstraints(T t) {
            Map<Long, List<CKey>> out = new HashMap<>();
            for (ConstraintDef c : t.constraints()) {
                if (isPropertyLevel(c)) {
                    CKey k = key(t, c);
                    out.computeIfAbsent(k.members().get(0), x -> new ArrayList<>()).add(k);
                }
            }
            return out;
        }

        private static List<CKey> bodyKeys(T t) {
            return t.constraints().stream().filter(c -> !isPropertyLevel(c)).map(c -> key(t, c)).toList();
        }

        private static Map<CKey, ConstraintDef> constraintDefs(T t) {
            Map<CKey, ConstraintDef> out = new HashMap<>();
            t.constraints().forEach(c -> out.put(key(t, c), c));
            return out;
        }

        private static boolean isPropertyLevel(ConstraintDef c) {
            return (c instanceof ConstraintDef.Key || c instanceof ConstraintDef.Unique || c instanceof ConstraintDef.Index)
                    && c.properties().size() == 1 && !c.properties().get(0).equals("src") && !c.properties().get(0).equals("dst");
        }

        private static CKey key(T t, ConstraintDef c) {
            Function<String, Long> id = name -> switch (name) {
                case "src" -> t.kind() == TypeKind.EDGE && t.props().stream().noneMatch(p -> p.name().equals("src")) ? -1L : idOf(t, name);
                case "dst" -> t.kind() == TypeKind.EDGE && t.props().stream().noneMatch(p -> p.name().equals("dst")) ? -2L : idOf(t, name);
                default -> idOf(t, name);
            };
            List<Long> members = c.properties().stream().map(id).toList();
            return switch (c) {
                case ConstraintDef.Key k -> new CKey("Key", members.stream().sorted().toList(), "");
                case ConstraintDef.Unique u -> new CKey("Unique", members.stream().sorted().toList(), "");
                case ConstraintDef.Index i -> new CKey("Index", members, "");
                case ConstraintDef.Range r -> new CKey("Range", members, r.min().map(Object::toString).orElse("") + ".."
                        + r.max().map(Object::toString).orElse(""));
                case ConstraintDef.Check ch -> new CKey("Check", members, ch.pattern());
            };
        }

        private static long idOf(T t, String name) {
            return t.props().stream().filter(p -> p.name().equals(name)).findFirst().map(PropertyDef::propertyId)
                    .orElseThrow(() -> new IllegalStateException("constraint names unknown property " + name));
        }

        private static Unsupported unsupported(String entity, String reason, SchemaLintCode code) {
            return new Unsupported(entity, reason, Optional.ofNullable(code));
        }
    }
}
