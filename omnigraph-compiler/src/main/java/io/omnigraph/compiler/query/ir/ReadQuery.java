package io.omnigraph.compiler.query.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read query: match block, projections, optional aggregation, ordering and limit.
 *
 * <p>Aggregation: when {@link #isAggregate()} every non-aggregate projection is a group key ({@code $v.prop} or
 * {@code $v}); groups are keyed on the projected values (NULL is a distinct key) and appear in first-seen order unless
 * ordered; with no group keys and zero input rows the result is exactly one row ({@code count} = 0, other aggregates
 * NULL) with the same column names and types as a non-empty result.
 */
public record ReadQuery(String name, List<ParamSpec> params, Optional<String> description, Optional<String> instruction,
                        MatchBlock match, List<Projection> projections, Ordering ordering, OptionalLong limit,
                        boolean usesNow, OperationDescriptor operation) implements QueryPlan {
    public ReadQuery {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        projections = List.copyOf(projections);
    }

    public boolean isAggregate() {
        return projections.stream().anyMatch(Projection::aggregate);
    }

    /** Result column names in order. */
    public List<String> columns() {
        return projections.stream().map(Projection::column).toList();
    }

    /** Indices of the group-key projections (empty when not an aggregate query). */
    public List<Integer> groupKeys() {
        if (!isAggregate()) {
            return List.of();
        }
        return java.util.stream.IntStream.range(0, projections.size()).filter(i -> !projections.get(i).aggregate())
                .boxed().toList();
    }
}
