package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostics;
import io.omnigraph.compiler.schema.ResolvedSchema.RProp;
import io.omnigraph.compiler.schema.ResolvedSchema.RType;
import io.omnigraph.compiler.schema.ir.EdgeDef;
import io.omnigraph.compiler.schema.ir.InterfaceDef;
import io.omnigraph.compiler.schema.ir.NodeDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.schema.ir.TypeKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assigns stable identities (spec §1.7): matches desired types and properties against an accepted IR (same name,
 * else {@code @rename_from}), keeps matched ids, and allocates new ids from {@code next_identity_id}: type ids in
 * (kind, name) order, then property ids in (owner type id, name) order, then table incarnation ids in type id order.
 */
final class IdentityAssigner {
    private final Diagnostics d;

    /** An accepted type viewed uniformly. */
    private record Accepted(TypeKind kind, String name, long typeId, long incarnation, List<PropertyDef> props) {
    }

    private record Ids(long typeId, long incarnation) {
    }

    IdentityAssigner(Diagnostics diagnostics) {
        this.d = diagnostics;
    }

    /** Fresh ids (graph init): rename hints are inert. */
    SchemaIR fresh(ResolvedSchema schema) {
        return assign(schema, SchemaIR.empty(), false);
    }

    /** Ids preserved against the accepted IR. */
    SchemaIR evolve(ResolvedSchema schema, SchemaIR accepted) {
        return assign(schema, accepted, true);
    }

    private SchemaIR assign(ResolvedSchema schema, SchemaIR accepted, boolean evolving) {
        Map<String, Accepted> acc = new LinkedHashMap<>();
        accepted.interfaces().forEach(i -> acc.put(key(TypeKind.INTERFACE, i.name()),
                new Accepted(TypeKind.INTERFACE, i.name(), i.typeId(), 0, i.properties())));
        accepted.nodes().forEach(n -> acc.put(key(TypeKind.NODE, n.name()),
                new Accepted(TypeKind.NODE, n.name(), n.typeId(), n.tableIncarnationId(), n.properties())));
        accepted.edges().forEach(e -> acc.put(key(TypeKind.EDGE, e.name()),
                new Accepted(TypeKind.EDGE, e.name(), e.typeId(), e.tableIncarnationId(), e.properties())));
        Set<String> desiredKeys = new HashSet<>();
        schema.types().forEach(t -> desiredKeys.add(key(t.kind(), t.name())));

        // 1. types
        Map<RType, Accepted> matched = new IdentityHashMap<>();
        Map<String, RType> consumedBy = new HashMap<>();
        List<RType> fresh = new ArrayList<>();
        for (RType t : schema.types()) {
            Accepted same = acc.get(key(t.kind(), t.name()));
            if (same != null) {
                matched.put(t, same);
                consumedBy.put(key(same.kind(), same.name()), t);
                continue;
            }
            if (evolving && t.renameFrom().isPresent()) {
                String old = t.renameFrom().get();
                Accepted from = acc.get(key(t.kind(), old));
                if (from == null) {
                    Optional<Accepted> other = acc.values().stream().filter(a -> a.name().equals(old)).findFirst();
                    d.error(CompilerErrorCode.INVALID_RENAME, t.nameSpan(), other.isPresent()
                            ? t.kind().label() + " " + t.name() + " @rename_from(\"" + old + "\") names " + article(other.get().kind())
                                    + " " + other.get().kind().label() + " type; a rename cannot change the kind"
                            : t.kind().label() + " " + t.name() + " @rename_from(\"" + old + "\") matches no accepted "
                                    + t.kind().label() + " type", "remove the hint to add a new type");
                    fresh.add(t);
                    continue;
                }
                if (desiredKeys.contains(key(t.kind(), old))) {
                    d.error(CompilerErrorCode.INVALID_RENAME, t.nameSpan(), t.kind().label() + " " + t.name()
                            + " @rename_from(\"" + old + "\") but " + old + " is still declared",
                            "remove " + old + " or the hint");
                    fresh.add(t);
                    continue;
                }
                RType prior = consumedBy.putIfAbsent(key(t.kind(), old), t);
                if (prior != null) {
                    d.error(CompilerErrorCode.INVALID_RENAME, t.nameSpan(), t.kind().label() + " " + t.name()
                            + " @rename_from(\"" + old + "\") but " + prior.name() + " is already renamed from it");
                    fresh.add(t);
                    continue;
                }
                matched.put(t, from);
                continue;
            }
            fresh.add(t);
        }

        long[] counter = {accepted.nextIdentityId()};
        Map<RType, Ids> ids = new IdentityHashMap<>();
        matched.forEach((t, a) -> ids.put(t, new Ids(a.typeId(), a.incarnation())));
        fresh.sort(Comparator.comparing((RType t) -> t.kind().ordinal())
                .thenComparing(RType::name, SchemaIR::compareBytes));
        Map<RType, Long> freshTypeIds = new IdentityHashMap<>();
        for (RType t : fresh) {
            freshTypeIds.put(t, counter[0]++);
        }

        // 2. properties
        record PendingProp(RType owner, long ownerId, RProp prop) {
        }
        Map<RType, Map<String, Long>> propIds = new IdentityHashMap<>();
        List<PendingProp> pending = new ArrayList<>();
        for (RType t : schema.types()) {
            Map<String, Long> pids = new HashMap<>();
            propIds.put(t, pids);
            Accepted a = matched.get(t);
            long ownerId = a != null ? a.typeId() : freshTypeIds.get(t);
            Set<String> desiredNames = new HashSet<>();
            t.props().forEach(p -> desiredNames.add(p.name()));
            Map<String, RProp> consumed = new HashMap<>();
            for (RProp p : t.props()) {
                Optional<PropertyDef> same = a == null ? Optional.empty()
                        : a.props().stream().filter(x -> x.name().equals(p.name())).findFirst();
                if (same.isPresent()) {
                    pids.put(p.name(), same.get().propertyId());
                    consumed.put(p.name(), p);
                    continue;
                }
                if (evolving && p.renameFrom().isPresent()) {
                    String old = p.renameFrom().get();
                    String where = t.kind().label() + " " + t.name() + " property '" + p.name() + "'";
                    if (a == null) {
                        if (!accepted.interfaces().isEmpty() || !accepted.nodes().isEmpty() || !accepted.edges().isEmpty()) {
                            d.error(CompilerErrorCode.INVALID_RENAME, p.span(), where + " has @rename_from(\"" + old
                                    + "\") but " + t.name() + " is a new type", "properties can only be renamed within an existing type");
                        }
                    } else {
                        Optional<PropertyDef> from = a.props().stream().filter(x -> x.name().equals(old)).findFirst();
                        if (from.isEmpty()) {
                            boolean elsewhere = acc.values().stream().anyMatch(o -> o.props().stream().anyMatch(x -> x.name().equals(old)));
                            d.error(CompilerErrorCode.INVALID_RENAME, p.span(), where + " has @rename_from(\"" + old + "\") but "
                                    + (elsewhere ? "'" + old + "' belongs to another type; moving a property across types is not supported"
                                    : "the accepted " + a.name() + " has no property '" + old + "'"),
                                    "remove the hint to add a new property");
                        } else if (desiredNames.contains(old)) {
                            d.error(CompilerErrorCode.INVALID_RENAME, p.span(), where + " has @rename_from(\"" + old + "\") but '"
                                    + old + "' is still declared", "remove '" + old + "' or the hint");
                        } else if (consumed.containsKey(old)) {
                            d.error(CompilerErrorCode.INVALID_RENAME, p.span(), where + " has @rename_from(\"" + old + "\") but '"
                                    + consumed.get(old).name() + "' is already renamed from it");
                        } else {
                            consumed.put(old, p);
                            pids.put(p.name(), from.get().propertyId());
                            continue;
                        }
                    }
                }
                pending.add(new PendingProp(t, ownerId, p));
            }
        }
        pending.sort(Comparator.comparingLong(PendingProp::ownerId).thenComparing(pp -> pp.prop().name(), SchemaIR::compareBytes));
        for (PendingProp pp : pending) {
            propIds.get(pp.owner()).put(pp.prop().name(), counter[0]++);
        }

        // 3. table incarnations for new node/edge types
        for (RType t : fresh) {
            ids.put(t, new Ids(freshTypeIds.get(t), t.kind() == TypeKind.INTERFACE ? 0 : counter[0]++));
        }

        List<InterfaceDef> interfaces = new ArrayList<>();
        List<NodeDef> nodes = new ArrayList<>();
        List<EdgeDef> edges = new ArrayList<>();
        for (RType t : schema.types()) {
            Ids id = ids.get(t);
            Map<String, Long> pids = propIds.get(t);
            List<PropertyDef> props = t.props().stream().map(p -> new PropertyDef(p.name(), pids.get(p.name()), p.type(),
                    p.embed(), p.annotations(), p.injected(), p.interfaces())).toList();
            switch (t.kind()) {
                case INTERFACE -> interfaces.add(new InterfaceDef(t.name(), id.typeId(), props, t.constraints()));
                case NODE -> nodes.add(new NodeDef(t.name(), id.typeId(), id.incarnation(), t.implementsList(),
                        t.annotations(), props, t.constraints()));
                case EDGE -> edges.add(new EdgeDef(t.name(), id.typeId(), id.incarnation(), t.from(), t.to(), t.card(),
                        t.annotations(), props, t.constraints()));
            }
        }
        return new SchemaIR(counter[0], interfaces, nodes, edges);
    }

    private static String key(TypeKind kind, String name) {
        return kind.label() + ":" + name;
    }

    private static String article(TypeKind kind) {
        return kind == TypeKind.INTERFACE ? "an" : "a";
    }
}
