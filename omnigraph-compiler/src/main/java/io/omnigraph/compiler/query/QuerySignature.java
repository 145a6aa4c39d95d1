package io.omnigraph.compiler.query;

import io.omnigraph.compiler.query.ir.ParamSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a query declares, known without a schema: name, read or mutation, parameters (declaration order),
 * {@code @description} and {@code @instruction}. Used for stored-query registries and MCP tool listings.
 */
public record QuerySignature(String name, boolean mutation, List<ParamSpec> params, Optional<String> description,
                             Optional<String> instruction) {
    public QuerySignature {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
    }

    /** {@code "read"} or {@code "mutation"}. */
    public String kind() {
        return mutation ? "mutation" : "read";
    }
}
