package io.omnigraph.compiler.query.ir;

import java.util.List;
import java.util.Optional;

/** A typechecked query, ready for the executor: a {@link ReadQuery} or a {@link MutationQuery}. */
public sealed interface QueryPlan permits ReadQuery, MutationQuery {

    String name();

    /** Declared parameters in declaration order. */
    List<ParamSpec> params();

    Optional<String> description();

    Optional<String> instruction();

    /** True when the query uses {@code now()} (the executor captures one timestamp per execution). */
    boolean usesNow();

    /** Node/edge types read and written (lint {@code operation}, access checks). */
    OperationDescriptor operation();

    default boolean isMutation() {
        return this instanceof MutationQuery;
    }

    default Optional<ParamSpec> param(String name) {
        return params().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
