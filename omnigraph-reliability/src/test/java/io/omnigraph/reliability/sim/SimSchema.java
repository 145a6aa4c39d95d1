package io.omnigraph.reliability.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The random schema of a universe: one to three keyed node types ({@code name: String @key} plus nullable
 * properties) and up to two edge types between them, edges identified by explicit ids. Evolution adds a nullable
 * property or a node type — the additive changes {@code schema apply} supports.
 */
record SimSchema(List<NodeT> nodes, List<EdgeT> edges) {
    static final String[] NODE_NAMES = {"Person", "Company", "Tag", "Place"};
    static final String[] EDGE_NAMES = {"Knows", "WorksAt", "Likes"};
    static final String[] PROP_NAMES = {"age", "score", "note", "active", "rank", "label"};
    static final String[] PROP_TYPES = {"I32", "F64", "String", "Bool"};

    record Prop(String name, String type) {
    }

    record NodeT(String name, List<Prop> props) {
    }

    record EdgeT(String name, String from, String to, List<Prop> props) {
    }

    SimSchema {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    static SimSchema random(SplittableRandom r) {
        int n = 1 + r.nextInt(3);
        List<NodeT> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new NodeT(NODE_NAMES[i], randomProps(r, 1 + r.nextInt(2))));
        }
        List<EdgeT> edges = new ArrayList<>();
        int e = r.nextInt(3);
        for (int i = 0; i < e; i++) {
            NodeT a = nodes.get(r.nextInt(n));
            NodeT b = nodes.get(r.nextInt(n));
            edges.add(new EdgeT(EDGE_NAMES[i], a.name(), b.name(), r.nextBoolean() ? List.of(new Prop("weight", "I32")) : List.of()));
        }
        return new SimSchema(nodes, edges);
    }

    private static List<Prop> randomProps(SplittableRandom r, int count) {
        List<Prop> props = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(PROP_NAMES));
        for (int i = 0; i < count; i++) {
            String name = names.remove(r.nextInt(names.size()));
            props.add(new Prop(name, PROP_TYPES[r.nextInt(PROP_TYPES.length)]));
        }
        return props;
    }

    /** An additive evolution (new nullable property, or new node type), or empty when nothing is left to add. */
    Optional<SimSchema> evolve(SplittableRandom r) {
        if (r.nextInt(3) == 0 && nodes.size() < NODE_NAMES.length) {
            List<NodeT> ns = new ArrayList<>(nodes);
            ns.add(new NodeT(NODE_NAMES[nodes.size()], randomProps(r, 1)));
            return Optional.of(new SimSchema(ns, edges));
        }
        int i = r.nextInt(nodes.size());
        NodeT t = nodes.get(i);
        List<String> free = new ArrayList<>(List.of(PROP_NAMES));
        t.props().forEach(p -> free.remove(p.name()));
        if (free.isEmpty()) {
            return Optional.empty();
        }
        List<Prop> props = new ArrayList<>(t.props());
        props.add(new Prop(free.get(r.nextInt(free.size())), PROP_TYPES[r.nextInt(PROP_TYPES.length)]));
        List<NodeT> ns = new ArrayList<>(nodes);
        ns.set(i, new NodeT(t.name(), props));
        return Optional.of(new SimSchema(ns, edges));
    }

    Optional<NodeT> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    Optional<EdgeT> edge(String name) {
        return edges.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    List<String> typeNames() {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.name()));
        edges.forEach(e -> out.add(e.name()));
        return out;
    }

    List<Prop> props(String type) {
        return node(type).map(NodeT::props).orElseGet(() -> edge(type).orElseThrow().props());
    }

    String pg() {
        StringBuilder sb = new StringBuilder();
        for (NodeT n : nodes) {
            sb.append("node ").append(n.name()).append(" {\n    name: String @key\n");
            for (Prop p : n.props()) {
                sb.append("    ").append(p.name()).append(": ").append(p.type()).append("?\n");
            }
            sb.append("}\n");
        }
        for (EdgeT e : edges) {
            sb.append("edge ").append(e.name()).append(": ").append(e.from()).append(" -> ").append(e.to()).append(" {\n");
            for (Prop p : e.props()) {
                sb.append("    ").append(p.name()).append(": ").append(p.type()).append("?\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** A random value of a property type: small domains so that collisions and no-op rewrites happen. */
    static Object value(SplittableRandom r, String type) {
        return switch (type) {
            case "I32" -> r.nextInt(-3, 50);
            case "F64" -> r.nextInt(0, 16) / 4.0;
            case "String" -> "s" + r.nextInt(6);
            case "Bool" -> r.nextBoolean();
            default -> throw new IllegalArgumentException(type);
        };
    }
}
