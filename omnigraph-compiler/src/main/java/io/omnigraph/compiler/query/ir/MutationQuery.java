package io.omnigraph.compiler.query.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mutation query: statements executed in order and committed atomically. Either inserts/updates only or deletes
 * only (the mixing rule is enforced at compile time).
 */
public record MutationQuery(String name, List<ParamSpec> params, Optional<String> description,
                            Optional<String> instruction, List<MutationOp> statements, boolean usesNow,
                            OperationDescriptor operation) implements QueryPlan {
    public MutationQuery {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        statements = List.copyOf(statements);
    }
}
