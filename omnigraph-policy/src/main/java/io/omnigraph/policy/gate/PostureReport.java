package io.omnigraph.policy.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The authorization posture of a whole server, in the words the boot log, {@code cluster status} and
 * {@code policy explain} share: the auth mode, the server scope, and every graph's gate.
 *
 * @param mode   the runtime state (Open / DefaultDeny / PolicyEnabled)
 * @param server the posture of the server scope ({@code graph_list})
 * @param graphs graph id → posture, sorted by id
 */
public record PostureReport(AuthMode mode, GatePosture server, SortedMap<String, GatePosture> graphs) {
    public PostureReport {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(server, "server");
        graphs = Collections.unmodifiableSortedMap(new TreeMap<>(graphs));
    }

    /** Builds the report from the gates a server installed. */
    public static PostureReport of(AuthMode mode, PolicyGate serverGate, Map<String, PolicyGate> graphGates) {
        SortedMap<String, GatePosture> g = new TreeMap<>();
        graphGates.forEach((id, gate) -> g.put(id, gate.posture()));
        return new PostureReport(mode, serverGate.posture(), g);
    }

    /** One line per scope, auth mode first: what the server logs at boot. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("authorization: " + mode.description());
        out.add(server.render());
        graphs.values().forEach(p -> out.add(p.render()));
        return List.copyOf(out);
    }

    /**
     * The scopes an operator is likely to be surprised by: graphs left on the default posture while other scopes
     * have bundles (PolicyEnabled mode), i.e. graphs that are read-only for everyone. Log these at WARN.
     */
    public List<String> warnings() {
        if (mode != AuthMode.POLICY_ENABLED) {
            return List.of();
        }
        return graphs.values().stream().filter(p -> p.kind() == GatePosture.Kind.DEFAULT_DENY)
                .map(GatePosture::render).toList();
    }
}
