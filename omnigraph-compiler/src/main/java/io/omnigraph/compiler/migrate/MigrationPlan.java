package io.omnigraph.compiler.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * An ordered migration plan: {@code supported} is false iff some step is {@code unsupported_change}. A plan with
 * no steps means "nothing to apply".
 */
public record MigrationPlan(boolean supported, List<MigrationStep> steps) {
    public MigrationPlan {
        steps = List.copyOf(steps);
    }

    static MigrationPlan of(List<MigrationStep> steps) {
        return new MigrationPlan(steps.stream().noneMatch(s -> s instanceof MigrationStep.Unsupported), steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public List<MigrationStep.Unsupported> unsupported() {
        return steps.stream().filter(s -> s instanceof MigrationStep.Unsupported).map(s -> (MigrationStep.Unsupported) s).toList();
    }

    /** The refusal message of an unsupported plan ({@code [OG-MF-103] reason}), from its first unsupported step. */
    public Optional<String> refusal() {
        return unsupported().stream().findFirst().map(MigrationStep.Unsupported::refusal);
    }

    /** {@code {"supported": bool, "steps": [...]}}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("supported", supported);
        ArrayNode a = o.putArray("steps");
        steps.forEach(s -> a.add(s.toJson()));
        return o;
    }

    /** One human line per step. */
    public List<String> render() {
        return steps.stream().map(MigrationStep::render).toList();
    }
}
